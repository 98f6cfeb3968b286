package dev.runway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitScratchTest {
  @Test
  void show(@TempDir Path dir) throws Exception {
    FlaskNextFixture.write(dir);
    MainTest.Result r = MainTest.run("init", "--dir", dir.toString());
    System.out.println("CODE " + r.code() + "\nOUT\n" + r.out() + "\nERR\n" + r.err());
    if (Files.exists(dir.resolve("runway.conf"))) System.out.println(Files.readString(dir.resolve("runway.conf")));
    MainTest.Result v = MainTest.run("validate", "--config", dir.resolve("runway.conf").toString(), "--all");
    System.out.println("VALIDATE " + v.code() + "\n" + v.out() + v.err());
    System.out.println("DRIFT " + dev.runway.render.Render.check(dev.runway.Runway.load(dir.resolve("runway.conf")), dir.resolve("render.yaml")).toText());
  }
}
