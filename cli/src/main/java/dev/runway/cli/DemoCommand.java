package dev.runway.cli;

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.RunwayException;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs Runway's main job offline on the example app (examples/acme): validates every",
        "environment, shows a planted mistake being caught, and prints where every artefact is."})
final class DemoCommand implements Callable<Integer> {
  /** The example's files, bundled in the jar so the demo runs anywhere. */
  static final List<String> EXAMPLE_FILES = List.of("runway.conf", ".env.development", ".env.production");

  @Option(names = "--out", paramLabel = "<dir>", description = "Where to write the demo's files (default: .runway/demo).")
  Path out = Path.of(".runway", "demo");

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    Path dir = out.toAbsolutePath().normalize();
    Path app = dir.resolve("acme");
    extractExample(app);
    o.println("== Runway demo on the acme example (FastAPI on Render, Next.js on Vercel, Supabase, AI APIs)");
    o.println("   model: " + app.resolve("runway.conf"));
    o.println();

    App model = Runway.load(app.resolve("runway.conf"));
    o.println("== 1. Validate every environment with a file");
    boolean ok = true;
    for (Environment e : List.of(Environment.DEVELOPMENT, Environment.PRODUCTION)) {
      Validation v = model.validate(e, EnvSources.files(app));
      o.println(indent(v.toText()));
      ok &= v.isValid();
    }
    o.println();

    o.println("== 2. Plant a mistake: an Anthropic key pasted into OPENAI_API_KEY, and a localhost API URL");
    Path production = app.resolve(".env.production");
    String original = Files.readString(production);
    String broken = original
        .replaceFirst("(?m)^OPENAI_API_KEY=.*$", "OPENAI_API_KEY=sk-ant-api03-EXAMPLEpastedINTOtheWRONGvariable00")
        .replaceFirst("(?m)^NEXT_PUBLIC_API_URL=.*$", "NEXT_PUBLIC_API_URL=http://localhost:10000");
    Files.writeString(production, broken);
    Validation caught = model.validate(Environment.PRODUCTION, EnvSources.files(app));
    o.println(indent(caught.toText()));
    if (caught.isValid()) {
      o.println("   !! the planted mistake was not caught");
      ok = false;
    }
    o.println();

    o.println("== 3. Fix the file and validate again");
    Files.writeString(production, original);
    Validation fixed = model.validate(Environment.PRODUCTION, EnvSources.files(app));
    o.println(indent(fixed.toText()));
    ok &= fixed.isValid();
    o.println();

    o.println("== Artefacts");
    o.println("   model and env files: " + app);
    o.println("   validate it yourself: ./runway validate --config " + app.resolve("runway.conf") + " --env production");
    o.println(ok ? "Demo finished: every step behaved as expected." : "Demo finished with unexpected results (see above).");
    o.flush();
    return ok ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }

  static void extractExample(Path target) {
    try {
      Files.createDirectories(target);
      for (String name : EXAMPLE_FILES) {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/dev/runway/cli/demo/acme/" + name)) {
          if (in == null) throw new RunwayException("demo: the example file " + name + " is missing from the runway jar; rebuild it with ./mvnw -pl cli -am package");
          Files.copy(in, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String indent(String text) {
    return "   " + text.replace("\n", "\n   ");
  }
}
