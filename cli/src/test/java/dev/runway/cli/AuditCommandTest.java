package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @Test
  void anEnvFileTheAuditCannotParseIsUnreadableInputExitTwo(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "app = shop\nenvironments = [production]\nservices { api { platform = render } }\n"
        + "variables { API_TOKEN { type = secret, targets = [api] } }\n");
    Files.writeString(dir.resolve(".env.production"), "API_TOKEN=\"never-closed\n");
    MainTest.Result r = MainTest.run("audit", "--config", conf.toString(), "--no-git");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: " + dir.resolve(".env.production") + ":1: unterminated double-quoted value"
        + " for API_TOKEN; add the closing \" (the value is not shown)" + System.lineSeparator());
    assertThat(r.out() + r.err()).doesNotContain("never-closed");
  }

  @Test
  void aKeyHardCodedAsADefaultIsReportedAtItsLineInTheConfigGiven(@TempDir Path dir) throws IOException {
    Path conf = Files.createDirectory(dir.resolve("ops")).resolve("acme.conf");
    // Test data: an obviously fake key in the Stripe shape, put together at run time.
    String key = "sk_" + "live_" + "FAKE0not0a0real0key0123";
    Files.writeString(conf, "app = shop\nenvironments = [production]\nservices { api { platform = render } }\n"
        + "variables {\n  STRIPE_KEY { type = secret, targets = [api], default = \"" + key + "\" }\n}\n");
    MainTest.Result r = MainTest.run("audit", "--config", conf.toString(), "--env-dir", dir.toString(), "--no-git");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("error   LEAK " + conf + ":5: STRIPE_KEY: has a Stripe secret key (sk_live_...,"
        + " sk_test_...) hard-coded as its default (sk_live_****)").doesNotContain(key);
  }
}
