package dev.runway.examples.acme;

import static dev.runway.env.Environment.DEVELOPMENT;
import static dev.runway.env.Environment.PREVIEW;
import static dev.runway.env.Environment.PRODUCTION;

import dev.runway.App;
import dev.runway.Service;
import dev.runway.env.EnvSchema;
import dev.runway.env.KeyFormat;
import dev.runway.env.PostgresUrl;
import dev.runway.env.Rules;
import dev.runway.base.Secret;
import dev.runway.env.Sensitivity;
import dev.runway.env.Var;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The acme app declared in Java: the same model as {@code examples/acme/runway.conf} (a test keeps
 * them equal). A FastAPI backend on Render, a Next.js frontend on Vercel, Supabase, and AI APIs.
 */
public final class Acme {
  private Acme() {}

  // --- api (Render) -------------------------------------------------------------------------
  public static final Var<Integer> PORT = Var.port("PORT").defaultValue(10000).targets("api")
      .description("Port the API listens on; Render injects 10000");
  public static final Var<String> LOG_LEVEL = Var.oneOf("LOG_LEVEL", "debug", "info", "warning", "error")
      .defaultValue("info").defaultIn(DEVELOPMENT, "debug").targets("api");
  public static final Var<Boolean> DEBUG = Var.bool("DEBUG").defaultValue(false).forbiddenIn(PRODUCTION)
      .targets("api").description("FastAPI debug mode; never in production");
  public static final Var<Duration> REQUEST_TIMEOUT = Var.duration("REQUEST_TIMEOUT")
      .defaultValue(Duration.ofSeconds(30)).targets("api");
  public static final Var<Integer> MAX_UPLOAD_MB = Var.integer("MAX_UPLOAD_MB").range(1, 100).defaultValue(25)
      .targets("api");
  public static final Var<List<String>> CORS_ORIGINS = Var.list("CORS_ORIGINS")
      .defaultValue(List.of("http://localhost:3000"))
      .defaultIn(PRODUCTION, List.of("https://acme.example.com"))
      .targets("api").description("Browser origins allowed to call the API");
  public static final Var<PostgresUrl> DATABASE_URL = Var.postgresUrl("DATABASE_URL").targets("api")
      .description("Supabase Postgres through the pooler");
  public static final Var<URI> SUPABASE_URL = Var.url("SUPABASE_URL").httpsIn(PREVIEW, PRODUCTION).targets("api");
  public static final Var<Secret> SUPABASE_SERVICE_ROLE_KEY = Var.secret("SUPABASE_SERVICE_ROLE_KEY")
      .format(KeyFormat.JWT).requiredIn(PREVIEW, PRODUCTION).targets("api")
      .description("Server-side only: bypasses row-level security");
  public static final Var<Secret> OPENAI_API_KEY = Var.secret("OPENAI_API_KEY").format(KeyFormat.OPENAI)
      .requiredIn(PREVIEW, PRODUCTION).targets("api");
  public static final Var<String> OPENAI_MODEL = Var.string("OPENAI_MODEL").defaultValue("gpt-4o-mini")
      .targets("api");
  public static final Var<Secret> ANTHROPIC_API_KEY = Var.secret("ANTHROPIC_API_KEY")
      .format(KeyFormat.ANTHROPIC).requiredIn(PRODUCTION).targets("api");
  public static final Var<Secret> LLAMA_CLOUD_API_KEY = Var.secret("LLAMA_CLOUD_API_KEY")
      .format(KeyFormat.LLAMACLOUD).optional().targets("api");
  public static final Var<URI> SENTRY_DSN = Var.url("SENTRY_DSN").optional().targets("api");
  public static final Var<String> SENTRY_ENVIRONMENT = Var.string("SENTRY_ENVIRONMENT").optional().targets("api");

  // --- web (Vercel): NEXT_PUBLIC_* reach the browser bundle ---------------------------------
  public static final Var<URI> NEXT_PUBLIC_SUPABASE_URL = Var.url("NEXT_PUBLIC_SUPABASE_URL")
      .sensitivity(Sensitivity.PUBLIC).httpsIn(PREVIEW, PRODUCTION).targets("web");
  public static final Var<String> NEXT_PUBLIC_SUPABASE_ANON_KEY = Var.string("NEXT_PUBLIC_SUPABASE_ANON_KEY")
      .format(KeyFormat.JWT).sensitivity(Sensitivity.PUBLIC).targets("web");
  public static final Var<URI> NEXT_PUBLIC_API_URL = Var.url("NEXT_PUBLIC_API_URL")
      .sensitivity(Sensitivity.PUBLIC).httpsIn(PREVIEW, PRODUCTION).targets("web");

  public static final EnvSchema SCHEMA = EnvSchema.of(
          PORT, LOG_LEVEL, DEBUG, REQUEST_TIMEOUT, MAX_UPLOAD_MB, CORS_ORIGINS, DATABASE_URL, SUPABASE_URL,
          SUPABASE_SERVICE_ROLE_KEY, NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_ANON_KEY, NEXT_PUBLIC_API_URL,
          OPENAI_API_KEY, OPENAI_MODEL, ANTHROPIC_API_KEY, LLAMA_CLOUD_API_KEY, SENTRY_DSN, SENTRY_ENVIRONMENT)
      .environments(DEVELOPMENT, PREVIEW, PRODUCTION)
      .rule(Rules.noLocalhostIn(PRODUCTION))
      .rule(Rules.httpsOnlyIn(PRODUCTION))
      .rule(Rules.requires(SENTRY_DSN, SENTRY_ENVIRONMENT));

  public static final App APP = App.of("acme", SCHEMA,
      Service.of("api", "render", Map.of(
          "type", "web", "runtime", "docker", "plan", "free", "region", "oregon",
          "dockerfile-path", "./backend/Dockerfile", "docker-context", "./backend",
          "health-check-path", "/api/health")),
      Service.of("web", "vercel", Map.of("framework", "nextjs", "root-directory", "frontend")),
      Service.of("db", "supabase", Map.of("plan", "free", "region", "us-west-1")));
}
