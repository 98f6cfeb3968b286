package dev.runway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.Runway;
import dev.runway.env.EnvSources;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AuditProperties {
  private static final App APP = Runway.parse(AuditTest.MODEL, "runway.conf");

  @Provide
  Arbitrary<Map<String, String>> envs() {
    Arbitrary<String> names = Arbitraries.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SESSION_SECRET", "GITHUB_TOKEN",
        "NEXT_PUBLIC_SUPABASE_ANON_KEY", "NEXT_PUBLIC_SITE_URL", "DEBUG", "CORS_ORIGINS", "API_URL", "REDIS_URL", "OTHER");
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars("-_:/.*@").ofMinLength(10).ofMaxLength(40),
        Arbitraries.of(AuditTest.OPENAI_PROD, AuditTest.GITHUB, AuditTest.AWS, AuditTest.SERVICE_ROLE, AuditTest.ANON,
            "http://localhost:1234/path-and-more", "https://a.example.dev", "true", "*"));
    return Arbitraries.maps(names, values).ofMaxSize(11);
  }

  /** Whatever the env files hold, the audit completes and no report shows a value of ten characters or more. */
  @Property(tries = 200)
  void theReportNeverShowsAValue(@ForAll("envs") Map<String, String> production, @ForAll("envs") Map<String, String> development) {
    AuditReport report = Audit.of(APP).git(false).sources(e -> EnvSources.of(EnvSources.map(
        e.name().equals("production") ? production : development, Origin.of(".env." + e.name()), true))).run();
    String text = report.toText() + report.toJson();
    for (String v : production.values()) if (v.length() >= 10) assertThat(text).doesNotContain(v);
    for (String v : development.values()) if (v.length() >= 10) assertThat(text).doesNotContain(v);
  }
}
