package dev.runway.dockersim.internal;

import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Dockerfile checks that matter on Render; see {@code docs/local-simulation.md} for the list. */
public final class DockerfileChecks {
  public static final String HARD_CODED_PORT = "HARD_CODED_PORT";
  public static final String LOCALHOST_BIND = "LOCALHOST_BIND";
  public static final String EXEC_FORM_VARIABLE = "EXEC_FORM_VARIABLE";
  public static final String ROOT_USER = "ROOT_USER";
  public static final String UNPINNED_IMAGE = "UNPINNED_IMAGE";
  public static final String DOCKERIGNORE = "DOCKERIGNORE";
  public static final String NO_HEALTH_CHECK = "NO_HEALTH_CHECK";

  private static final Pattern PORT_FLAG = Pattern.compile(
      "(?:--port|--http-port|--server\\.port|-Dserver\\.port|-p|--listen|--bind|-b)(?:=|\\s+)['\"]?(?:[\\w.\\[\\]-]*:)?(\\d{2,5})\\b");
  private static final Pattern HOST_PORT = Pattern.compile("(?:0\\.0\\.0\\.0|127\\.0\\.0\\.1|localhost|\\[::\\]):(\\d{2,5})\\b");
  private static final Pattern LOOPBACK = Pattern.compile(
      "(?:--host|--bind|-b|--listen|-H|--hostname)(?:=|\\s+)['\"]?(127\\.0\\.0\\.1|localhost|\\[::1\\])\\b|\\b(127\\.0\\.0\\.1|localhost):\\$?\\{?\\w+");
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|SERVICE_ROLE|DSN$).*");
  private static final Pattern SECRET_VALUE = Pattern.compile(
      "^(sk-[A-Za-z0-9_-]{16,}|sk-ant-[A-Za-z0-9_-]{16,}|llx-[A-Za-z0-9]{16,}|eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]+\\..*"
          + "|gh[pousr]_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16}|rnd_[A-Za-z0-9]{16,})$");

  private DockerfileChecks() {}

  /**
   * Checks a Dockerfile and its build context's {@code .dockerignore}.
   *
   * @param shown how to name the Dockerfile in origins (as the user wrote it)
   * @param healthCheckPath the path Render checks, when the model sets one
   * @param secretNames variables the model marks secret, beyond those whose names say so
   */
  public static List<Problem> check(Path dockerfile, Path shown, Path context, Path contextShown,
      Optional<String> healthCheckPath, Set<String> secretNames) {
    List<Problem> out = new ArrayList<>();
    String text;
    try {
      text = InputFiles.readText(dockerfile, "Dockerfile");
    } catch (RunwayException.IoFailed | RunwayException.ParseFailed e) {
      Problem p = ComposeChecks.unreadable(e, "Dockerfile", Origin.file(shown));
      out.add(Files.exists(dockerfile) ? p : p.withFix("create it, or point dockerfile-path in the model at it"));
      return out;
    }
    List<Dockerfile.Instruction> all = Dockerfile.parse(text);
    // Stages: only the last one ships; earlier ones are build stages.
    Set<String> stageNames = new HashSet<>();
    int lastFrom = -1;
    for (int k = 0; k < all.size(); k++) {
      Dockerfile.Instruction in = all.get(k);
      if (in.keyword().equals("FROM")) {
        lastFrom = k;
        from(in, shown, stageNames, out);
      } else if (in.keyword().equals("ENV") || in.keyword().equals("ARG")) {
        secrets(in, shown, secretNames, out);
      }
    }
    List<Dockerfile.Instruction> last = lastFrom < 0 ? all : all.subList(lastFrom, all.size());
    boolean healthcheck = false;
    Optional<Dockerfile.Instruction> user = Optional.empty();
    for (Dockerfile.Instruction in : last) {
      switch (in.keyword()) {
        case "CMD", "ENTRYPOINT" -> command(in, shown, out);
        case "USER" -> user = Optional.of(in);
        case "HEALTHCHECK" -> healthcheck = !in.arguments().trim().equalsIgnoreCase("NONE");
        default -> { }
      }
    }
    if (lastFrom >= 0) root(user, last.get(0), shown, out);
    if (!healthcheck && healthCheckPath.isEmpty()) {
      out.add(Problem.warning(NO_HEALTH_CHECK, "HEALTHCHECK", "is absent and no health-check-path is set for the service, so"
          + " Render sends traffic as soon as the port opens, ready or not").withOrigin(Origin.file(shown))
          .withFix("set health-check-path = \"/api/health\" on the service in the model (Render then checks it)"));
    }
    dockerignore(context, contextShown, out);
    return out;
  }

  private static void from(Dockerfile.Instruction in, Path shown, Set<String> stageNames, List<Problem> out) {
    String[] words = in.arguments().trim().split("\\s+");
    List<String> w = new ArrayList<>();
    for (String word : words) if (!word.startsWith("--")) w.add(word);
    if (w.isEmpty()) return;
    String image = w.get(0);
    String lower = image.toLowerCase(Locale.ROOT);
    boolean earlierStage = stageNames.contains(lower);
    if (w.size() >= 3 && w.get(1).equalsIgnoreCase("AS")) stageNames.add(w.get(2).toLowerCase(Locale.ROOT));
    if (earlierStage || lower.equals("scratch") || image.contains("$")) return;
    if (image.contains("@sha256:")) return;
    int slash = image.lastIndexOf('/');
    int colon = image.indexOf(':', slash + 1);
    String tag = colon < 0 ? "" : image.substring(colon + 1);
    if (tag.isEmpty() || tag.equals("latest")) {
      String repo = colon < 0 ? image : image.substring(0, colon);
      out.add(Problem.warning(UNPINNED_IMAGE, "FROM " + image, (tag.isEmpty() ? "has no tag, which means :latest" : "uses :latest")
          + ", so the next build may get another base image").withOrigin(Origin.file(shown, in.line()))
          .withFix("pin a version, e.g. FROM " + repo + ":<version>, or a digest (" + repo + "@sha256:...)"));
    }
  }

  private static void secrets(Dockerfile.Instruction in, Path shown, Set<String> secretNames, List<Problem> out) {
    boolean isArg = in.keyword().equals("ARG");
    for (String[] kv : declarations(in.arguments(), isArg)) {
      String key = kv[0];
      String value = kv[1];
      boolean named = secretNames.contains(key) || SECRET_NAME.matcher(key).matches();
      boolean shaped = value != null && SECRET_VALUE.matcher(unquote(value)).matches();
      if (isArg && named) {
        out.add(Problem.error(Problem.LEAK, "ARG " + key, "passes a secret as a build argument, which the image's"
            + " history keeps").withOrigin(Origin.file(shown, in.line()))
            .withFix("set " + key + " on Render (sync: false) and read it at run time, or use RUN --mount=type=secret,id="
                + key.toLowerCase(Locale.ROOT) + " for build-time use"));
      } else if (value != null && !unquote(value).isEmpty() && (named || shaped)) {
        out.add(Problem.error(Problem.LEAK, in.keyword() + " " + key, "bakes a secret value into the image, where every"
            + " layer keeps it").withOrigin(Origin.file(shown, in.line()))
            .withFix("remove it from the Dockerfile and set " + key + " on Render (sync: false); locally it comes from the env file"));
      }
    }
  }

  /** {@code ENV A=1 B="x y"}, {@code ENV A 1} (legacy form), {@code ARG A}, {@code ARG A=1}. */
  static List<String[]> declarations(String args, boolean isArg) {
    List<String[]> out = new ArrayList<>();
    String s = args.trim();
    if (s.isEmpty()) return out;
    int firstSpace = s.indexOf(' ');
    int firstEq = s.indexOf('=');
    if (!isArg && (firstEq < 0 || (firstSpace >= 0 && firstSpace < firstEq))) {
      // Legacy form: ENV KEY value with spaces.
      String key = firstSpace < 0 ? s : s.substring(0, firstSpace);
      out.add(new String[] {key, firstSpace < 0 ? "" : s.substring(firstSpace + 1).trim()});
      return out;
    }
    for (String token : tokens(s)) {
      int eq = token.indexOf('=');
      out.add(eq < 0 ? new String[] {token, null} : new String[] {token.substring(0, eq), token.substring(eq + 1)});
    }
    return out;
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (quote != 0) {
        if (c == quote) quote = 0;
        cur.append(c);
      } else if (c == '"' || c == '\'') {
        quote = c;
        cur.append(c);
      } else if (Character.isWhitespace(c)) {
        if (cur.length() > 0) out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) out.add(cur.toString());
    return out;
  }

  private static String unquote(String v) {
    String t = v.trim();
    if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static void command(Dockerfile.Instruction in, Path shown, List<Problem> out) {
    Optional<List<String>> exec = in.execForm();
    String text = exec.map(w -> String.join(" ", w)).orElse(in.arguments());
    Origin at = Origin.file(shown, in.line());
    if (exec.isPresent() && text.contains("$")) {
      List<String> w = exec.get();
      boolean viaShell = w.size() >= 2 && w.get(0).matches("(/bin/|/usr/bin/)?(ba)?sh") && w.get(1).equals("-c");
      if (!viaShell) {
        out.add(Problem.error(EXEC_FORM_VARIABLE, in.keyword(), "is in exec form (a JSON array), which does not expand"
            + " variables: the app receives the literal text " + firstVariable(text)).withOrigin(at)
            .withFix("use the shell form (" + in.keyword() + " " + String.join(" ", w) + ") or [\"sh\", \"-c\", \""
                + String.join(" ", w).replace("\"", "\\\"") + "\"]"));
      }
    }
    Matcher loop = LOOPBACK.matcher(text);
    if (loop.find()) {
      String host = loop.group(1) != null ? loop.group(1) : loop.group(2);
      out.add(Problem.error(LOCALHOST_BIND, in.keyword(), "binds to " + host + ", which Render's router cannot reach")
          .withOrigin(at).withFix("listen on 0.0.0.0 (e.g. --host 0.0.0.0)"));
    }
    Optional<String> port = hardCodedPort(text);
    if (port.isPresent()) {
      boolean renderDefault = port.get().equals(String.valueOf(dev.runway.render.RenderRuntime.DEFAULT_PORT));
      Problem p = renderDefault
          ? Problem.warning(HARD_CODED_PORT, in.keyword(), "listens on port " + port.get() + ", hard-coded: it works only"
              + " while Render's PORT stays " + port.get())
          : Problem.error(HARD_CODED_PORT, in.keyword(), "listens on port " + port.get() + ", hard-coded; Render sends"
              + " traffic to $PORT (" + dev.runway.render.RenderRuntime.DEFAULT_PORT + " unless set)");
      out.add(p.withOrigin(at).withFix("read the port from the environment in the shell form, e.g. --port ${PORT:-"
          + dev.runway.render.RenderRuntime.DEFAULT_PORT + "}"));
    }
  }

  static Optional<String> hardCodedPort(String text) {
    for (Pattern p : List.of(PORT_FLAG, HOST_PORT)) {
      Matcher m = p.matcher(text);
      if (m.find()) return Optional.of(m.group(1));
    }
    return Optional.empty();
  }

  private static String firstVariable(String text) {
    Matcher m = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?}?").matcher(text);
    return m.find() ? "'" + m.group() + "'" : "'$'";
  }

  private static void root(Optional<Dockerfile.Instruction> user, Dockerfile.Instruction from, Path shown, List<Problem> out) {
    String image = from.arguments().toLowerCase(Locale.ROOT);
    if (user.isEmpty() && (image.contains(":nonroot") || image.contains("-nonroot"))) return;
    String who = user.map(u -> u.arguments().trim()).orElse("");
    String name = who.contains(":") ? who.substring(0, who.indexOf(':')) : who;
    if (user.isEmpty() || name.equals("root") || name.equals("0")) {
      Origin at = Origin.file(shown, user.map(Dockerfile.Instruction::line).orElse(from.line()));
      out.add(Problem.warning(ROOT_USER, "USER", user.isEmpty() ? "is never set, so the service runs as root"
          : "is root, so the service runs as root").withOrigin(at)
          .withFix("create and switch to an unprivileged user before CMD: RUN useradd --system --uid 10001 app, then USER 10001"));
    }
  }

  private static void dockerignore(Path context, Path contextShown, List<Problem> out) {
    Path file = context.resolve(".dockerignore");
    Path shownFile = contextShown.resolve(".dockerignore");
    if (!Files.isRegularFile(file)) {
      out.add(Problem.error(DOCKERIGNORE, ".dockerignore", "is missing, so docker build sends every .env file (and its"
          + " secrets) into the build context").withOrigin(Origin.file(shownFile))
          .withFix("create " + shownFile + " with the lines .env* and .git"));
      return;
    }
    List<String> lines;
    try {
      lines = List.of(InputFiles.readText(file, ".dockerignore").split("\\R", -1));
    } catch (RunwayException.IoFailed | RunwayException.ParseFailed e) {
      Problem p = ComposeChecks.unreadable(e, ".dockerignore", Origin.file(shownFile));
      out.add(Problem.error(DOCKERIGNORE, p.subject(), p.message()).withOrigin(p.origin().orElse(null))
          .withFix(p.fix().orElse(null)));
      return;
    }
    for (String candidate : List.of(".env", ".env.production", ".env.local")) {
      if (!ignored(lines, candidate)) {
        out.add(Problem.error(Problem.LEAK, ".dockerignore", "does not exclude " + candidate + ", so docker build sends it"
            + " (and its secrets) into the build context, where COPY . . puts it in the image")
            .withOrigin(Origin.file(shownFile)).withFix("add the line .env* (keep !.env.example if you ship one)"));
        return;
      }
    }
  }

  /** Whether a path is excluded: the last matching pattern wins, {@code !} re-includes. */
  static boolean ignored(List<String> patterns, String path) {
    boolean ignored = false;
    for (String raw : patterns) {
      String p = raw.trim();
      if (p.isEmpty() || p.startsWith("#")) continue;
      boolean negate = p.startsWith("!");
      if (negate) p = p.substring(1).trim();
      while (p.startsWith("/") || p.startsWith("./")) p = p.substring(p.startsWith("/") ? 1 : 2);
      if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
      if (glob(p).matcher(path).matches()) ignored = !negate;
    }
    return ignored;
  }

  private static Pattern glob(String p) {
    StringBuilder re = new StringBuilder();
    for (int k = 0; k < p.length(); k++) {
      char c = p.charAt(k);
      if (c == '*' && k + 1 < p.length() && p.charAt(k + 1) == '*') {
        re.append(".*");
        k++;
        if (k + 1 < p.length() && p.charAt(k + 1) == '/') k++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
