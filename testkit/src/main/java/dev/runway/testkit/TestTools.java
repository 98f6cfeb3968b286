package dev.runway.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;

/** Small helpers the modules' tests share: canned mockwebserver answers and tool lookup. */
public final class TestTools {
  private TestTools() {}

  /** A mockwebserver answer with a JSON body. */
  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  /** Whether {@code program} is an executable on the PATH (tests that need it skip otherwise). */
  public static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) return false;
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) return true;
    }
    return false;
  }
}
