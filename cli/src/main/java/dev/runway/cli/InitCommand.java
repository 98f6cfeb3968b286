package dev.runway.cli;

import dev.runway.base.AtomicFiles;
import dev.runway.cli.init.Init;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code runway init}: drafts runway.conf from the files a folder already has (docs/cli.md#runway-init).
 * Exit 0 when it wrote the file (warnings included), 1 when it found nothing to import, 2 when
 * runway.conf exists and --force was not given, or the folder is not one.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    header = "Drafts runway.conf from the files the folder already has.",
    description = {"Drafts runway.conf from what the folder already has: render.yaml, vercel.json, a Next.js app,",
        "compose files and every .env* file. Never copies a secret or an env file's value."})
final class InitCommand implements Callable<Integer> {
  @Option(names = "--dir", paramLabel = "<dir>", description = "The app's folder (default: the current one).")
  Path dir = Path.of(".");

  @Option(names = "--force", description = "Replace an existing runway.conf.")
  boolean force;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path conf = dir.resolve("runway.conf");
    if (!Files.isDirectory(dir)) {
      err.println("runway: " + dir + ": is not a folder; pass --dir <the app's folder>");
      return ExitCodes.USAGE;
    }
    if (Files.exists(conf) && !force) {
      err.println("runway: " + conf + ": already exists; pass --force to replace it, or move it away first");
      return ExitCodes.USAGE;
    }
    Init.Result r = Init.scan(dir);
    for (String w : r.warnings()) err.println("warning: " + w);
    if (!r.imported()) {
      err.println("runway: " + dir + ": found nothing to import (no render.yaml, vercel.json, Next.js app, compose file"
          + " or readable .env file); write runway.conf by hand (docs/getting-started.md)");
      err.flush();
      return ExitCodes.PROBLEMS;
    }
    AtomicFiles.write(conf, r.conf());
    out.println("wrote " + conf + (r.warnings().isEmpty() ? "" : " (" + r.warnings().size()
        + (r.warnings().size() == 1 ? " warning" : " warnings") + " above)"));
    r.summary().forEach(out::println);
    out.println("next: runway validate --all, runway render check, runway audit");
    out.flush();
    err.flush();
    return ExitCodes.OK;
  }
}
