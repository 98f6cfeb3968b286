package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shell block of README.md and docs/*.md either runs here, on a fresh copy of the example app,
 * or says why it cannot; a new recipe cannot go unchecked.
 *
 * <p>The convention, on the line before a {@code ```bash} (or {@code sh}, {@code console}) fence:
 * <ul>
 *   <li>{@code <!-- runnable: exit=0 -->}: every command line of the block exits 0; {@code exit=0,1}
 *       gives each command line its own code, in order ({@code skip} for a line not run here, with the
 *       reason as a note in the marker). {@code in=app} (the default) runs in a copy of examples/acme
 *       as if it were your own project, with {@code runway} on PATH; {@code in=checkout} runs in a
 *       copy of the checkout's layout (examples/acme under it) where {@code ./runway} works too.
 *       {@code before="..."} runs setup commands first (they must exit 0), {@code after="..."} runs
 *       checks afterwards (they must exit 0). {@code vary="regex"}: what matches it (a port, a pid, a
 *       duration) is left out of both sides when the output is compared.</li>
 *   <li>{@code <!-- not runnable: reason -->}: needs a token, a real platform, an install, a build
 *       or a network; the reason is required.</li>
 *   <li>{@code <!-- output -->} before a {@code ```text} (or untagged) block right after a runnable
 *       block: what its last command prints (stdout and stderr), with the copy's folder left out of
 *       paths; a {@code ...} line stands for any lines.</li>
 * </ul>
 * A command line is a line of the block (with {@code \} continuations), {@code #} comments and
 * blank lines aside; it runs in bash, so {@code cd}, {@code VAR=x runway ...}, {@code &&} and
 * redirections work as in a terminal. {@code runway} is this module's CLI (its test class path),
 * started as a process so the block's folder and environment are its own (a command run in-process
 * would see the test's working directory and environment); HOME, and the JVM's user.home with it, is
 * a temp folder, so keys and caches never leave the copy.
 * Untagged and {@code text} blocks must not hold commands.
 */
class RunnableDocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path EXAMPLE = ROOT.resolve("examples/acme");
  private static final Pattern FENCE = Pattern.compile("^(\\s*)```([^\\s`]*).*$");
  private static final Pattern RUNNABLE = Pattern.compile("^<!-- runnable:(.*?)-->$");
  private static final Pattern NOT_RUNNABLE = Pattern.compile("^<!-- not runnable: *(.*?) *-->$");
  private static final Pattern OUTPUT = Pattern.compile("^<!-- output -->$");
  private static final Pattern ATTR = Pattern.compile("(\\w+)=(\"([^\"]*)\"|\\S+)");
  private static final List<String> SHELL = List.of("bash", "sh", "shell", "zsh", "console", "shell-session");
  /** A line of an untagged or text block that reads like a command to type. */
  private static final Pattern COMMAND_LIKE = Pattern.compile(
      "^\\s*(\\$ |\\./(runway|mvnw)\\b|runway [a-z]|[A-Z_]+=\\S* +(\\./)?(runway|mvnw|java)\\b|java -|curl |jbang |bash |scripts/)");

  private static Path tmp;
  private static Path bin;

  record Block(String file, int line, String lang, String marker, List<String> lines, Block output) {
    String where() {
      return file + ":" + line;
    }
  }

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The page's fenced blocks, each with the marker line before it (or "") and, for shell blocks, its output block. */
  static List<Block> blocks(Path page) throws IOException {
    List<String> text = Files.readAllLines(page);
    String name = ROOT.relativize(page).toString();
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      Matcher open = FENCE.matcher(text.get(i));
      if (!open.matches()) continue;
      String indent = open.group(1);
      int start = i;
      List<String> body = new ArrayList<>();
      for (i++; i < text.size() && !text.get(i).equals(indent + "```"); i++) {
        body.add(text.get(i).startsWith(indent) ? text.get(i).substring(indent.length()) : text.get(i));
      }
      int m = start - 1;
      while (m >= 0 && text.get(m).isBlank()) m--;
      String marker = m >= 0 ? text.get(m).strip() : "";
      Block b = new Block(name, start + 1, open.group(2), marker, body, null);
      if (OUTPUT.matcher(marker).matches() && !out.isEmpty() && SHELL.contains(out.get(out.size() - 1).lang())
          && out.get(out.size() - 1).output() == null) {
        Block prev = out.remove(out.size() - 1);
        out.add(new Block(prev.file(), prev.line(), prev.lang(), prev.marker(), prev.lines(), b));
      }
      out.add(b);
    }
    return out;
  }

  static List<Block> allBlocks() throws IOException {
    List<Block> all = new ArrayList<>();
    for (Path page : pages()) all.addAll(blocks(page));
    return all;
  }

  @Test
  void everyShellBlockIsMarkedRunnableOrSaysWhyNot() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Block> all = allBlocks();
    for (int i = 0; i < all.size(); i++) {
      Block b = all.get(i);
      if (SHELL.contains(b.lang())) {
        Matcher not = NOT_RUNNABLE.matcher(b.marker());
        if (not.matches() && not.group(1).isBlank()) problems.add(b.where() + ": 'not runnable' needs a reason");
        else if (!not.matches() && !RUNNABLE.matcher(b.marker()).matches()) {
          problems.add(b.where() + ": ```" + b.lang() + " block without <!-- runnable: exit=N --> or "
              + "<!-- not runnable: reason --> on the line before it");
        }
      } else if (OUTPUT.matcher(b.marker()).matches()) {
        Block prev = i > 0 ? all.get(i - 1) : null;
        if (prev == null || prev.output() != b || !RUNNABLE.matcher(prev.marker()).matches()) {
          problems.add(b.where() + ": <!-- output --> must follow a runnable shell block");
        }
      } else if (b.lang().isEmpty() || b.lang().equals("text")) {
        for (String l : b.lines()) {
          if (COMMAND_LIKE.matcher(l).find()) {
            problems.add(b.where() + ": holds a command (" + l.strip() + "); make it a ```bash block with a marker");
            break;
          }
        }
      }
    }
    assertThat(problems).as("see the convention in RunnableDocsTest's Javadoc").isEmpty();
  }

  @BeforeAll
  static void setUp() throws Exception {
    tmp = Files.createTempDirectory("runnable-docs");
    bin = Files.createDirectories(tmp.resolve("bin"));
    // The CLI as a user runs it: its main classes (packed in a jar, which class-data sharing needs) and its
    // dependencies, without the test classes (and so without logback-test.xml).
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = tmp.resolve("runway-cli.jar");
    int packed = ToolProvider.findFirst("jar").orElseThrow()
        .run(System.out, System.err, "cf", jar.toString(), "-C", classes.toString(), ".");
    assertThat(packed).as("jar cf " + jar).isZero();
    List<String> path = new ArrayList<>(List.of(jar.toString()));
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!Files.isDirectory(Path.of(e)) && e.endsWith(".jar")) path.add(e);
    }
    String cp = String.join(java.io.File.pathSeparator, path);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path jsa = tmp.resolve("runway.jsa");
    // One training run records a class-data-sharing archive that every later command maps: ~0.5 s a command
    // instead of ~0.9 s (the same as bin/runway does, docs/performance.md).
    Path app = copyApp(tmp.resolve("train"));
    Process p = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-XX:ArchiveClassesAtExit=" + jsa, "-Duser.home=" + tmp, "-cp", cp, "dev.runway.cli.Main", "validate", "--all")
        .directory(app.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.waitFor(2, TimeUnit.MINUTES);
    String launcher = "#!/bin/sh\n# runway for the docs test: this module's CLI and its dependencies\n"
        + "exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -XX:SharedArchiveFile='" + jsa
        + "' -XX:-UsePerfData -Xss1m -Xlog:cds=off -Xlog:cds+dynamic=off -Duser.home=\"$HOME\" -cp '" + cp + "' dev.runway.cli.Main \"$@\"\n";
    Files.writeString(bin.resolve("runway"), launcher);
    Files.setPosixFilePermissions(bin.resolve("runway"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (tmp == null) return;
    try (Stream<Path> all = Files.walk(tmp)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A copy of examples/acme (its build output aside) at {@code dir}. */
  private static Path copyApp(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = EXAMPLE.relativize(f);
        if (rel.startsWith("target")) continue;
        Path to = dir.resolve(rel.toString());
        if (Files.isDirectory(f)) Files.createDirectories(to);
        else Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return dir;
  }

  /**
   * Each runnable block, as its own test. They run on a few threads at once (each command is a JVM
   * start, so the CPUs are used better than one at a time), and blocks with the same commands (the
   * demo in README.md and getting-started.md) run once.
   */
  @TestFactory
  Stream<DynamicTest> runnableBlocksRunAsWritten() throws IOException {
    List<Block> runnable = allBlocks().stream()
        .filter(b -> SHELL.contains(b.lang()) && RUNNABLE.matcher(b.marker()).matches()).toList();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    Map<String, Future<List<String>>> runs = new LinkedHashMap<>();
    // the longest first, so the pool does not end on one long block
    runnable.stream().sorted(java.util.Comparator.comparingInt(RunnableDocsTest::cost).reversed())
        .forEach(b -> runs.computeIfAbsent(key(b), k -> pool.submit(() -> run(b))));
    List<DynamicTest> tests = new ArrayList<>();
    for (Block b : runnable) {
      Future<List<String>> run = runs.get(key(b));
      tests.add(DynamicTest.dynamicTest(b.where(), () -> {
        List<String> problems;
        try {
          problems = run.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
          throw new AssertionError(b.where() + ": " + e.getCause(), e.getCause());
        }
        assertThat(problems).as(b.where()).isEmpty();
      }));
    }
    pool.shutdown();
    return tests.stream();
  }

  @Test
  void aBlockThatDoesOtherThanItsMarkerSaysFailsNamingTheCommandAndWhatItPrinted() throws Exception {
    Block shown = new Block("x.md", 9, "text", "<!-- output -->", List.of("production: valid (18 variables, 0 errors, 0 warnings)"), null);
    Block b = new Block("x.md", 1, "bash", "<!-- runnable: exit=0 -->",
        List.of("runway validate --env prod   # a typo", "", "./runway validate --env production"), shown);
    List<String> problems = run(b);
    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).isEqualTo("`runway validate --env prod   # a typo` exited 2, the doc says 0:\n"
        + "runway: No environment named 'prod' (known: development, preview, production)");
    assertThat(problems.get(1)).startsWith("`./runway validate --env production` exited 127, the doc says 0:")
        .contains("./runway: No such file or directory");  // ./runway exists only in a checkout (in=checkout)
    assertThat(problems.get(2)).startsWith("the output shown at x.md:9 differs from what `./runway validate --env production` printed:");
  }

  @Test
  void theShownOutputMatchesLineByLineWithDotsForAnyLines() {
    assertThat(matches("a\nb", "a\nb")).isTrue();
    assertThat(matches("a\nb", "a\nb\nc")).isFalse();
    assertThat(matches("a\n...\nc", "a\nb\nb\nc")).isTrue();
    assertThat(matches("a\n...\nc", "a\nc")).isTrue();
    assertThat(matches("...\nc", "a\nb\nc")).isTrue();
    assertThat(matches("a (sk-... or sk-proj-...)", "a (sk-... or sk-proj-...)")).isTrue();
    assertThat(matches("a\nc", "a\nb\nc")).isFalse();
  }

  /** About how many seconds a block takes: a JVM start per command, a few more for the demo, a pipeline run or a service. */
  private static int cost(Block b) {
    int cost = 0;
    for (String c : commands(b)) cost += c.matches(".*\\b(demo|pipeline run|simulate up)\\b.*") ? 5 : 1;
    return cost + b.marker().split("runway ", -1).length - 1;
  }

  /** What a block runs: its marker and its commands, comments left out. */
  private static String key(Block b) {
    StringBuilder k = new StringBuilder(b.marker().replaceAll("\\([^)]*\\)", "").replaceAll("\\s+", " "));
    for (String c : commands(b)) k.append('\n').append(c.replaceAll("\\s+#.*$", "").strip());
    return k.toString();
  }

  static Map<String, String> attributes(String marker) {
    Matcher m = RUNNABLE.matcher(marker);
    assertThat(m.matches()).isTrue();
    Map<String, String> attrs = new LinkedHashMap<>();
    Matcher a = ATTR.matcher(m.group(1));
    while (a.find()) attrs.put(a.group(1), a.group(3) != null ? a.group(3) : a.group(2));
    return attrs;
  }

  /** The block's command lines: continuations joined, comments and blank lines left out, a console block's "$ " lines only. */
  static List<String> commands(Block b) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String raw : b.lines()) {
      String l = raw;
      if (b.lang().equals("console")) {
        if (cur.length() == 0 && !l.startsWith("$ ")) continue;
        if (cur.length() == 0) l = l.substring(2);
      }
      if (cur.length() == 0 && (l.isBlank() || l.strip().startsWith("#"))) continue;
      if (l.endsWith("\\")) {
        cur.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      out.add(cur.append(l).toString());
      cur.setLength(0);
    }
    return out;
  }

  /** Runs the block in a fresh copy and returns what differs from the doc (nothing when it runs as written). */
  static List<String> run(Block b) throws IOException, InterruptedException {
    Map<String, String> attrs = attributes(b.marker());
    List<String> commands = commands(b);
    List<String> exits = List.of(attrs.getOrDefault("exit", "0").split(","));
    if (exits.size() != 1 && exits.size() != commands.size()) {
      return List.of(b.where() + ": exit= lists " + exits.size() + " codes for " + commands.size() + " command lines");
    }

    Path dir = Files.createTempDirectory(tmp, "block");
    Path home = Files.createDirectories(dir.resolve("home"));
    Path checkout = Files.createDirectories(dir.resolve("checkout"));
    Path app = copyApp(checkout.resolve("examples/acme"));
    Path cwd = switch (attrs.getOrDefault("in", "app")) {
      case "app" -> app;
      case "checkout" -> {
        Files.copy(bin.resolve("runway"), checkout.resolve("runway"), StandardCopyOption.COPY_ATTRIBUTES);
        yield checkout;
      }
      default -> throw new IllegalArgumentException(b.where() + ": in= is app or checkout");
    };
    Path logs = Files.createDirectories(dir.resolve("logs"));

    StringBuilder script = new StringBuilder("cd '" + cwd + "' || exit 99\n");
    List<String> steps = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (String c : splitSetup(attrs.get("before"))) {
      steps.add(c);
      expected.add("0");
    }
    for (int i = 0; i < commands.size(); i++) {
      String exit = exits.size() == 1 ? exits.get(0) : exits.get(i);
      if (exit.equals("skip")) continue;
      steps.add(commands.get(i));
      expected.add(exit);
    }
    int last = steps.size() - 1;
    for (String c : splitSetup(attrs.get("after"))) {
      steps.add(c);
      expected.add("0");
    }
    for (int i = 0; i < steps.size(); i++) {
      script.append("{\n").append(steps.get(i)).append("\n} >'").append(logs.resolve(i + ".out")).append("' 2>&1\n")
          .append("echo $? >'").append(logs.resolve(i + ".rc")).append("'\n");
    }

    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString()).directory(cwd.toFile())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("RUNWAY_") || k.equals("CI") || k.startsWith("GITHUB_")
        || k.endsWith("_TOKEN") || k.endsWith("_API_KEY") || k.equals("DATABASE_URL"));
    env.put("HOME", home.toString());
    env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    Process p = pb.start();
    String shell = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return List.of(b.where() + ": ran past 3 minutes");
    }

    List<String> problems = new ArrayList<>();
    String lastOut = "";
    for (int i = 0; i < steps.size(); i++) {
      Path rc = logs.resolve(i + ".rc");
      String out = Files.exists(logs.resolve(i + ".out")) ? normalize(Files.readString(logs.resolve(i + ".out")), cwd, home) : "";
      String code = Files.exists(rc) ? Files.readString(rc).strip() : "(did not run)";
      if (!code.equals(expected.get(i))) {
        problems.add("`" + steps.get(i) + "` exited " + code + ", the doc says " + expected.get(i) + ":\n" + out);
      }
      if (i == last) lastOut = out;
    }
    if (b.output() != null) {
      String want = String.join("\n", b.output().lines());
      if (attrs.containsKey("vary")) {
        want = want.replaceAll(attrs.get("vary"), "<varies>");
        lastOut = lastOut.replaceAll(attrs.get("vary"), "<varies>");
      }
      if (!matches(want, lastOut)) {
        problems.add("the output shown at " + b.output().where() + " differs from what `" + steps.get(last)
            + "` printed:\n--- shown\n" + want + "\n--- printed\n" + lastOut);
      }
    }
    if (!problems.isEmpty() && !shell.isBlank()) problems.add("bash said: " + shell.strip());
    return problems;
  }

  private static List<String> splitSetup(String commands) {
    return commands == null ? List.of() : List.of(commands.split(" *; *"));
  }

  /** Paths inside the copy read as the doc writes them: relative, and the home folder as ~. */
  static String normalize(String out, Path cwd, Path home) {
    String s = out;
    for (Path p : List.of(cwd, home)) {
      String prefix = p.toString();
      try {
        String real = p.toRealPath().toString();
        if (!real.equals(prefix)) s = s.replace(real + "/", p == cwd ? "" : "~/").replace(real, p == cwd ? "." : "~");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      s = s.replace(prefix + "/", p == cwd ? "" : "~/").replace(prefix, p == cwd ? "." : "~");
    }
    return s.replaceAll("[ \\t]+\\n", "\n").strip();
  }

  /** The shown output, line by line; a "..." line stands for any lines (none included). */
  static boolean matches(String shown, String printed) {
    StringBuilder regex = new StringBuilder();
    for (String line : shown.strip().split("\n", -1)) {
      if (line.strip().equals("...")) regex.append("(?:[^\\n]*\\n)*?");
      else regex.append(Pattern.quote(line.stripTrailing())).append("\\n");
    }
    return Pattern.compile(regex.toString()).matcher(printed + "\n").matches();
  }
}
