package dev.runway.vercel;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.pipeline.DeployTarget;
import dev.runway.vercel.internal.ConfigFromModel;
import dev.runway.vercel.internal.Drift;
import dev.runway.vercel.internal.FileCheck;
import dev.runway.vercel.internal.JsonText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runway on Vercel: {@code vercel.json} files derived from the model and checked against it, the
 * REST API client and the sandbox.
 *
 * <pre>{@code
 * App app = Runway.load(Path.of("runway.conf"));
 * Vercel.config(app).writeTo(Path.of("frontend/vercel.json"));
 * Problems problems = Vercel.check(app, Path.of("frontend/vercel.json"));   // runway vercel check
 * VercelClient client = Vercel.client(System.getenv("VERCEL_TOKEN"));
 * }</pre>
 */
public final class Vercel {
  /** The platform id used in runway.conf ({@code platform = vercel}). */
  public static final String PLATFORM = "vercel";

  private Vercel() {}

  /** A client of api.vercel.com with default timeouts and retries. */
  public static VercelClient client(String token) {
    return VercelClient.builder().token(token).build();
  }

  /**
   * A Vercel project's production as a pipeline deploy target ({@code Step.deploy("deploy-web", target)}),
   * for a project without a git source: each deploy rebuilds what production serves (picking up
   * changed environment variables). See {@link #deployTarget(VercelClient, String, String)}.
   */
  public static DeployTarget deployTarget(VercelClient client, String project) {
    return new VercelDeployTarget(client, project, null);
  }

  /**
   * A Vercel project's production as a pipeline deploy target that deploys the run's branch of the
   * project's GitHub repository (pinned to {@code GITHUB_SHA} when the run has it).
   *
   * <p>{@code deploy} remembers the deployment serving production, creates a production deployment,
   * waits until it is READY and serves production, and returns
   * {@code Deployment.of(id).previous(servingBefore).link(inspectorUrl)}. When an earlier instant
   * rollback paused production auto-assignment (Vercel's trap: new deployments build but stay
   * staged), it says so in the step's output and promotes the deployment, which resumes it.
   * {@code rollback} is Vercel's instant rollback to the deployment that served before; it returns
   * once production serves it and warns that auto-assignment is now paused. Waits end when the
   * step's timeout interrupts them; no token in any message.
   *
   * <pre>{@code
   * DeployTarget web = Vercel.deployTarget(Vercel.client(System.getenv("VERCEL_TOKEN")), "acme-web", "123456789");
   * }</pre>
   *
   * @param project the project's name or id
   * @param gitRepoId the numeric id of the project's GitHub repository
   */
  public static DeployTarget deployTarget(VercelClient client, String project, String gitRepoId) {
    return new VercelDeployTarget(client, project, Objects.requireNonNull(gitRepoId, "gitRepoId"));
  }

  /** Reads a vercel.json; see {@link VercelConfig#read}. */
  public static VercelConfig readConfig(Path vercelJson) {
    return VercelConfig.read(vercelJson);
  }

  /**
   * The vercel.json the model implies for its one Vercel service.
   *
   * @throws RunwayException.UnknownName when the app has no Vercel service, or several (use
   *     {@link #config(App, String)})
   */
  public static VercelConfig config(App app) {
    return ConfigFromModel.of(onlyService(app));
  }

  /**
   * The vercel.json the model implies for one service: every setting that names a vercel.json
   * property in kebab-case ({@code clean-urls = true}, {@code output-directory = dist},
   * {@code rewrites = [ { source = "/api/(.*)", destination = "https://api.example.com/$1" } ]}),
   * matched to the schema's names ignoring case and dashes; project settings
   * ({@code root-directory}, {@code vercel-project}, {@code vercel-team-id}) stay out of the file.
   *
   * @throws RunwayException.ModelInvalid when a setting is not a vercel setting or its value is
   *     not in the form vercel.json needs
   */
  public static VercelConfig config(App app, String serviceName) {
    Service s = app.service(serviceName);
    if (!PLATFORM.equals(s.platform())) {
      throw new RunwayException.UnknownName("service '" + serviceName + "' is on " + s.platform() + ", not vercel");
    }
    return ConfigFromModel.of(s);
  }

  /**
   * Checks a vercel.json on its own, without a model — every rule that needs none: Vercel's schema
   * ({@code shared/specs/vercel/vercel.json.schema.json}: unknown properties at any depth with a
   * did-you-mean, types, allowed values, limits such as 256-character commands or 100 crons), the
   * documented {@code services} and their references, deprecated properties ({@code builds},
   * {@code routes}, {@code env}, {@code build.env}: warnings naming what replaces them),
   * combinations Vercel refuses ({@code routes} with {@code rewrites}, {@code builds} with
   * {@code functions}), and secrets committed in {@code env}/{@code build.env} (an error when a
   * value has a known credential's shape, a warning when only its name says secret; the value is
   * never shown). Every problem names {@code file:line} of the property it is about.
   *
   * <p>A file that is not JSON becomes one MALFORMED problem at {@code file:line:column} in plain
   * words, rather than an exception.
   *
   * <pre>{@code
   * Problems problems = Vercel.check(Path.of("vercel.json"));
   * if (problems.hasErrors()) System.err.println(problems.toText());
   * }</pre>
   *
   * @throws RunwayException.IoFailed when the file is missing or cannot be read
   */
  public static Problems check(Path vercelJson) {
    return Problems.of(fileProblems(vercelJson, VercelConfig.text(vercelJson)));
  }

  /**
   * {@link #check(Path)} plus drift from the model's one Vercel service ({@link #drift}); with no
   * Vercel service, or several, only the file's own rules.
   *
   * @throws RunwayException.IoFailed when the file is missing or cannot be read
   */
  public static Problems check(App app, Path vercelJson) {
    String text = VercelConfig.text(vercelJson);
    List<Problem> problems = new ArrayList<>(fileProblems(vercelJson, text));
    if (app.servicesOn(PLATFORM).size() == 1) {
      try {
        VercelConfig file = VercelConfig.parse(text, Origin.file(vercelJson));
        problems.addAll(Drift.drift(config(app), file));
      } catch (RunwayException.ParseFailed e) {
        // The file's own problems above already say what is wrong; drift needs a file that reads.
      }
    }
    return Problems.of(problems);
  }

  /**
   * Every difference between a vercel.json generated from the model and one read from a file,
   * each at the line of the property (or the first place inside it) that differs: a value that
   * differs, a property only the model gives, a property only the file has (which generating
   * would drop). A file generated from its model has none. Fixes never propose a command that
   * would drop something.
   */
  public static Problems drift(VercelConfig generated, VercelConfig file) {
    return Problems.of(Drift.drift(generated, file));
  }

  /**
   * What writing {@code generated} over {@code existing} would lose: each property the existing
   * file has and the model does not express, at its {@code file:line}, with the runway.conf
   * setting that would keep it. {@code runway vercel generate} refuses to write while this is not
   * empty (unless {@code --force}).
   */
  public static Problems dropped(VercelConfig generated, VercelConfig existing) {
    return Problems.of(Drift.dropped(generated, existing));
  }

  /**
   * The settings of a {@code platform = vercel} service that generate this file, for turning an
   * existing vercel.json into runway.conf: each property under its kebab-case name
   * ({@code cleanUrls} → {@code clean-urls}), field names the schema defines inside values in
   * kebab-case too, keys that are the user's (function globs, env names, header values) verbatim.
   * {@code Vercel.config(app, service)} of a service with these settings gives back an equal file.
   */
  public static Map<String, Object> settings(VercelConfig file) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json = JsonText.mapper().readValue(file.toJson(), Map.class);
    return ConfigFromModel.settings(json);
  }

  private static List<Problem> fileProblems(Path vercelJson, String text) {
    Origin origin = Origin.file(vercelJson);
    try {
      return FileCheck.run(JsonText.parse(text, origin), origin);
    } catch (RunwayException.ParseFailed e) {
      return List.of(JsonText.problem(e, origin));
    }
  }

  private static Service onlyService(App app) {
    List<Service> on = app.servicesOn(PLATFORM);
    if (on.size() != 1) {
      throw new RunwayException.UnknownName("app " + app.name() + " has " + on.size() + " Vercel services ("
          + String.join(", ", on.stream().map(Service::name).toList()) + "); name one: Vercel.config(app, \"web\")");
    }
    return on.get(0);
  }
}
