package dev.runway.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SupabaseKeyTest {
  // The example app's keys (examples/acme/.env.production): fake signatures, real shapes.
  static final String ANON = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImV4YW1wbGVyZWYiLCJyb2xlIjoiYW5vbiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDAwMDAwMDAwfQ.EXAMPLE-not-a-real-signature-anon";
  static final String SERVICE_ROLE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImV4YW1wbGVyZWYiLCJyb2xlIjoic2VydmljZV9yb2xlIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjIwMDAwMDAwMDB9.EXAMPLE-not-a-real-signature-service";

  @Test
  void tellsAnAnonKeyFromAServiceRoleKeyByTheRoleClaim() {
    SupabaseKey anon = SupabaseKey.of(ANON);
    SupabaseKey service = SupabaseKey.of(SERVICE_ROLE);
    assertThat(anon.kind()).isEqualTo(SupabaseKey.Kind.ANON);
    assertThat(anon.isPrivileged()).isFalse();
    assertThat(service.kind()).isEqualTo(SupabaseKey.Kind.SERVICE_ROLE);
    assertThat(service.isPrivileged()).isTrue();
    assertThat(service.role()).contains("service_role");
    assertThat(service.issuer()).contains("supabase");
    assertThat(service.projectRef()).contains("exampleref");
  }

  @Test
  void recognisesTheNewKeysAndAccessTokensByPrefix() {
    assertThat(SupabaseKey.of("sb_publishable_abc123DEF456").kind()).isEqualTo(SupabaseKey.Kind.PUBLISHABLE);
    assertThat(SupabaseKey.of("sb_secret_abc123DEF456").kind()).isEqualTo(SupabaseKey.Kind.SECRET);
    assertThat(SupabaseKey.of("sbp_0123456789abcdef0123456789abcdef01234567").kind()).isEqualTo(SupabaseKey.Kind.ACCESS_TOKEN);
    assertThat(SupabaseKey.of("sb_secret_abc123DEF456").isPrivileged()).isTrue();
    assertThat(SupabaseKey.of("sb_publishable_abc123DEF456").isPrivileged()).isFalse();
    assertThat(SupabaseKey.of("sb_publishable_abc123DEF456").kind().isJwt()).isFalse();
  }

  @Test
  void aJwtWithAnotherRoleIsNeitherAnonNorServiceRole() {
    String payload = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"role\":\"authenticated\",\"sub\":\"u1\"}".getBytes(StandardCharsets.UTF_8));
    SupabaseKey key = SupabaseKey.of("eyJhbGciOiJIUzI1NiJ9." + payload + ".sig");
    assertThat(key.kind()).isEqualTo(SupabaseKey.Kind.OTHER_JWT);
    assertThat(key.isSupabase()).isFalse();
    assertThat(key.describe()).isEqualTo("a JWT with role authenticated");
  }

  @Test
  void anythingElseIsUnknownAndNeverThrows() {
    for (String text : new String[] {"", "hello", "eyJ.x.y", "eyJhbGciOiJIUzI1NiJ9.!!!.sig", "a.b.c.d", "sk-proj-123"}) {
      assertThat(SupabaseKey.of(text).kind()).as(text).isEqualTo(SupabaseKey.Kind.UNKNOWN);
    }
  }

  @Test
  void neverShowsTheKeyInToString() {
    assertThat(SupabaseKey.of(SERVICE_ROLE)).hasToString("SupabaseKey[SERVICE_ROLE ****]");
    assertThat(SupabaseKey.of("sb_secret_abc123DEF456").toString()).doesNotContain("abc123");
  }
}
