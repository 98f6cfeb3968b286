package dev.runway.monitor.internal;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One branch of the repository a run starts in, checked out into a temporary worktree of that
 * repository. A worktree, not a clone: it shares the repository's config, so the credentials
 * actions/checkout stored there push for us and nothing needs a token. Commits are made as
 * github-actions[bot]; a push that lost a race is redone on top of the new tip.
 */
public final class GitBranch implements AutoCloseable {
  static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
  private static final List<String> IDENTITY = List.of("-c", "user.name=github-actions[bot]", "-c",
      "user.email=41898282+github-actions[bot]@users.noreply.github.com", "-c", "commit.gpgsign=false");

  private final Path repo;
  private final String branch;
  private final String remote;
  private final Path dir;

  private GitBranch(Path repo, String branch, String remote, Path dir) {
    this.repo = repo;
    this.branch = branch;
    this.remote = remote;
    this.dir = dir;
  }

  /**
   * Checks out {@code branch} of {@code remote} (a new, empty branch when the remote has none yet).
   *
   * @throws RunwayException.IoFailed when {@code folder} is in no git repository or the remote cannot be read
   */
  public static GitBranch open(Path folder, String branch, String remote) {
    if (!branch.matches("[A-Za-z0-9._/-]+") || branch.startsWith("-") || branch.contains("..")) {
      throw new IllegalArgumentException("monitor: git branch '" + branch + "' is not a branch name; use letters, digits, . _ - /");
    }
    String what = "git branch " + branch;
    Path top = Path.of(git(folder, what, "rev-parse", "--show-toplevel").trim());
    String found = run(top, what, List.of("ls-remote", "--heads", remote, "refs/heads/" + branch));
    Path dir;
    try {
      dir = Files.createTempDirectory("runway-" + branch.replace('/', '-') + "-");
      Files.delete(dir); // git worktree add wants to create it
    } catch (IOException e) {
      throw new RunwayException.IoFailed("monitor: " + what + ": cannot create a temporary folder ("
          + e.getClass().getSimpleName() + ")", Origin.of("monitor"), e);
    }
    String start;
    if (found.isBlank()) {
      start = git(top, what, "commit-tree", EMPTY_TREE, "-m", "runway: start " + branch).trim();
    } else {
      git(top, what, "fetch", "--quiet", "--depth=1", remote, "+refs/heads/" + branch + ":refs/remotes/" + remote + "/" + branch);
      start = "refs/remotes/" + remote + "/" + branch;
    }
    git(top, what, "worktree", "add", "--quiet", "--detach", dir.toString(), start);
    return new GitBranch(top, branch, remote, dir);
  }

  /** The checked-out files. */
  public Path dir() {
    return dir;
  }

  public String branch() {
    return branch;
  }

  /**
   * Commits every change in {@link #dir()} and pushes it. When the push is refused because the
   * branch moved, takes the new tip, lets {@code redo} write its changes again, and retries (3 times).
   *
   * @return whether there was anything to commit
   */
  public boolean commitAndPush(String message, Runnable redo) {
    String what = "git branch " + branch;
    for (int attempt = 1; ; attempt++) {
      git(dir, what, "add", "--all");
      if (exit(dir, List.of("diff", "--cached", "--quiet")) == 0) return false;
      git(dir, what, "commit", "--quiet", "--no-verify", "-m", message);
      if (exit(dir, List.of("push", "--quiet", remote, "HEAD:refs/heads/" + branch)) == 0) return true;
      if (attempt == 3) {
        throw new RunwayException.IoFailed("monitor: " + what + ": push to " + remote + " refused 3 times; give the job"
            + " 'permissions: contents: write' and make sure no branch protection rule covers " + branch, Origin.of("monitor"), null);
      }
      git(dir, what, "fetch", "--quiet", "--depth=1", remote, "+refs/heads/" + branch + ":refs/remotes/" + remote + "/" + branch);
      git(dir, what, "reset", "--quiet", "--hard", "refs/remotes/" + remote + "/" + branch);
      redo.run();
    }
  }

  private static String git(Path in, String what, String... args) {
    return run(in, what, List.of(args));
  }

  private static String run(Path in, String what, List<String> args) {
    Result r = exec(in, args);
    if (r.code != 0) {
      throw new RunwayException.IoFailed("monitor: " + what + ": 'git " + args.get(0) + "' failed in " + in + " (" + r.firstLine()
          + "); run it where actions/checkout checked out the repository", Origin.of("monitor"), null);
    }
    return r.out;
  }

  private static int exit(Path in, List<String> args) {
    return exec(in, args).code;
  }

  private record Result(int code, String out) {
    String firstLine() {
      String s = out.strip();
      int nl = s.indexOf('\n');
      s = nl < 0 ? s : s.substring(0, nl);
      return s.length() > 200 ? s.substring(0, 200) + "..." : s.isEmpty() ? "exit " + code : s;
    }
  }

  private static Result exec(Path in, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", in.toString()));
    cmd.addAll(IDENTITY);
    cmd.addAll(args);
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("GIT_TERMINAL_PROMPT", "0"); // never wait for a password nobody types
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after 2 minutes");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RunwayException.IoFailed("monitor: git: cannot run git (" + e.getClass().getSimpleName()
          + "); install git or keep the history in PostgreSQL", Origin.of("monitor"), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  /** Removes the worktree (the branch itself stays, pushed). */
  @Override
  public void close() {
    exec(repo, List.of("worktree", "remove", "--force", dir.toString()));
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary folder; the runner is thrown away
      }
      exec(repo, List.of("worktree", "prune"));
    }
  }
}
