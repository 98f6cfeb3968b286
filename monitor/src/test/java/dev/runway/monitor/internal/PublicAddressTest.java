package dev.runway.monitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.health.HttpProbe;
import dev.runway.monitor.Endpoint;
import org.junit.jupiter.api.Test;

class PublicAddressTest {
  private static Endpoint probing(String url) {
    return Endpoint.builder("api", HttpProbe.get(url).build()).build();
  }

  @Test
  void aPublicHostIsShownWithoutQueryOrDefaultPort() {
    assertThat(PublicAddress.of(probing("https://acme-api.onrender.com/api/health?key=abc"))).isEqualTo(
        "https://acme-api.onrender.com/api/health");
  }

  @Test
  void internalAddressesAreNeverShown() {
    for (String url : new String[] {"http://127.0.0.1:8080/h", "http://10.0.0.5/h", "http://localhost:3000/h",
        "http://acme-api:10000/h", "http://db.internal/h", "http://[::1]:8080/h", "http://svc.default.svc.cluster.local/h"}) {
      assertThat(PublicAddress.of(probing(url))).as(url).isEmpty();
    }
  }

  @Test
  void thePublicUrlWinsAndMessagesLoseEveryAddress() {
    Endpoint e = Endpoint.builder("api", HttpProbe.get("http://acme-api:10000/h?token=t").build())
        .publicUrl("https://acme.example.com/?utm=1#x").build();
    assertThat(PublicAddress.of(e)).isEqualTo("https://acme.example.com/");
    assertThat(PublicAddress.scrub(e, "UnknownHostException: acme-api")).isEqualTo("UnknownHostException: (address hidden)");
    assertThat(PublicAddress.scrub(e, "ConnectException: Failed to connect to /127.0.0.1:10000"))
        .isEqualTo("ConnectException: Failed to connect to (address hidden)");
    assertThat(PublicAddress.scrub(e, "redirected to http://10.1.2.3/x?token=t")).isEqualTo("redirected to (address hidden)");
    assertThat(PublicAddress.scrub(e, "status 503 (expected 2xx)")).isEqualTo("status 503 (expected 2xx)");
  }
}
