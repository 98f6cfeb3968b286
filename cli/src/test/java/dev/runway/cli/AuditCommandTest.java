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
}
