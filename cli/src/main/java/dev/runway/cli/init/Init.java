package dev.runway.cli.init;

import dev.runway.Runway;
import dev.runway.base.RunwayException;
import dev.runway.env.Sensitivity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Drafts a runway.conf from what a folder already has: render.yaml, vercel.json and Next.js apps,
 * compose files, and every env file in the folder and its services' folders. It never writes a value
 * that could be a secret, nor any value of an env file: only render.yaml's plain {@code value:}
 * settings become defaults. Every guess is a comment in the text ({@code # inferred: ...}), every
 * doubt a {@code # review: ...}.
 *
 * <pre>{@code
 * Init.Result r = Init.scan(Path.of("."));
 * if (r.imported()) AtomicFiles.write(Path.of("runway.conf"), r.conf());
 * r.summary().forEach(System.out::println);
 * }</pre>
 */
public final class Init {
  private static final Pattern NOT_A_SERVICE_WORD = Pattern.compile(
      "(?i)\\b(\\w+ api|api)[ _-]?(keys?|tokens?|url|base|version|secret)\\b|\\b(openai|anthropic|rest|public|graphql) api\\b");
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("backend", "backend"), Map.entry("server", "backend"), Map.entry("api", "backend"),
      Map.entry("flask", "backend"), Map.entry("django", "backend"), Map.entry("fastapi", "backend"),
      Map.entry("express", "backend"), Map.entry("python", "backend"), Map.entry("rails", "backend"),
      Map.entry("frontend", "frontend"), Map.entry("client", "frontend"), Map.entry("nextjs", "frontend"),
      Map.entry("next", "frontend"), Map.entry("browser", "frontend"), Map.entry("vercel", "frontend"),
      Map.entry("react", "frontend"), Map.entry("ui", "frontend"), Map.entry("worker", "worker"),
      Map.entry("workers", "worker"), Map.entry("celery", "worker"), Map.entry("cron", "cron"),
      Map.entry("render", "render"));

  /**
   * What init found.
   *
   * @param conf the runway.conf text (loads with {@link Runway#parse}); empty when nothing was imported
   * @param summary lines for people: services, variables by type and sensitivity, what to review
   * @param warnings files or entries that could not be imported, each with its file:line
   * @param imported whether anything (a service or a variable) was found
   */
  public record Result(String conf, List<String> summary, List<String> warnings, boolean imported) {
    public Result {
      summary = List.copyOf(summary);
      warnings = List.copyOf(warnings);
    }
  }

  private static final String OPTIONAL = "optional, because";

  private Init() {}

  /** Reads the folder; writes nothing. */
  public static Result scan(Path folder) {
    Path app = folder.toString().equals(".") ? Path.of("") : folder;
    Draft d = new Draft();
    d.branch = currentBranch(app).orElse("main");
    for (String name : List.of("render.yaml", "render.yml")) {
      if (Files.isRegularFile(app.resolve(name))) {
        RenderImport.read(app, app.resolve(name), d);
        break;
      }
    }
    AppFolders.vercel(app, d);
    AppFolders.compose(app, d);
    Set<Path> dirs = new LinkedHashSet<>();
    dirs.add(Path.of(""));
    for (Draft.Svc s : d.services.values()) if (s.dir != null) dirs.add(s.dir);
    dirs.addAll(AppFolders.candidates(app));
    for (Path dir : dirs) for (Path f : EnvFiles.in(app.resolve(dir))) EnvFiles.read(app, f, d);
    if (d.services.isEmpty() && d.variables.isEmpty()) {
      return new Result("", List.of(), d.warnings, false);
    }
    for (Draft.Variable v : d.variables.values()) {
      Inference.infer(v);
      targets(v, d);
      for (Draft.Sample s : v.samples) {
        if (s.loadedByRunway() && !s.value().isEmpty() && s.environment() != null) v.requiredIn.add(s.environment());
      }
      if (v.requiredIn.isEmpty() && v.defaultValue().isEmpty() && !v.generate && v.from == null) {
        v.review.add(OPTIONAL + " no .env or .env.<environment> file in the app's folder sets it;"
            + " write required-in = [production] if production needs it");
      }
      if (v.renderValue != null && v.sensitivity == Sensitivity.SECRET) {
        v.review.add(v.renderOrigin + ": render.yaml holds its value in the file; move it to the dashboard"
            + " (sync: false) and rotate it");
      }
    }
    List<String> environments = environments(d);
    String header = "# Drafted by runway init from " + String.join(", ", d.read) + ".\n"
        + "# '# inferred:' marks a guess, '# review:' something to check. No value of an env file is in here.\n";
    String conf = HoconText.write(Names.slug(app.toAbsolutePath().normalize().getFileName() == null ? "app"
        : app.toAbsolutePath().normalize().getFileName().toString()), d, environments, header);
    try {
      Runway.parse(conf, "runway.conf");
    } catch (RunwayException e) {
      // A draft that does not load is our bug; say so rather than write it.
      throw new IllegalStateException("runway init drafted a runway.conf that does not load: " + e.getMessage(), e);
    }
    return new Result(conf, summary(d, environments), d.warnings, true);
  }

  /** The branch .git/HEAD names ("ref: refs/heads/<branch>"), when the folder is a checkout on a branch. */
  static java.util.Optional<String> currentBranch(Path app) {
    try {
      String head = Files.readString(app.resolve(".git/HEAD")).trim();
      return head.startsWith("ref: refs/heads/") ? java.util.Optional.of(head.substring("ref: refs/heads/".length()))
          : java.util.Optional.empty();
    } catch (java.io.IOException e) {
      return java.util.Optional.empty();   // not a checkout (or a worktree, whose .git is a file): say main
    }
  }

  /** render.yaml, compose, NEXT_PUBLIC_, the file's folder, its comments; else every service that runs code. */
  private static void targets(Draft.Variable v, Draft d) {
    if (v.name.startsWith("NEXT_PUBLIC_")) {
      List<Draft.Svc> vercel = d.services.values().stream().filter(s -> s.platform.equals("vercel")).toList();
      List<Draft.Svc> here = vercel.stream().filter(s -> v.samples.stream().anyMatch(x -> inside(x.file(), s))).toList();
      (here.isEmpty() ? vercel : here).forEach(s -> v.targets.add(s.id));
      if (!vercel.isEmpty() && !v.targetedByPlatformFile) {
        v.inferred.add("targets " + String.join(", ", v.targets) + ", because Next.js reads NEXT_PUBLIC_ variables");
        return;
      }
    }
    Set<String> byFile = new LinkedHashSet<>();
    for (Draft.Sample s : v.samples) {
      Path parent = s.file().getParent();
      if (parent == null) continue;
      d.codeServices().stream().filter(svc -> inside(s.file(), svc)).forEach(svc -> byFile.add(svc.id));
      if (byFile.isEmpty()) byFile.addAll(mentioned(parent.toString().replace('/', ' '), d));
    }
    if (!byFile.isEmpty() && !v.targetedByPlatformFile) {
      v.targets.addAll(byFile);
      v.inferred.add("targets " + String.join(", ", byFile) + ", because of where its file is ("
          + String.join(", ", v.samples.stream().map(s -> s.file().toString()).distinct().toList()) + ")");
      return;
    }
    Set<String> byComment = new LinkedHashSet<>();
    for (String c : v.context) byComment.addAll(mentioned(c, d));
    if (!byComment.isEmpty() && !v.targetedByPlatformFile) {
      v.targets.addAll(byComment);
      v.inferred.add("targets " + String.join(", ", byComment) + ", because a comment in its env file says so");
      return;
    }
    if (!v.targets.isEmpty()) return;
    List<Draft.Svc> code = d.codeServices();
    if (code.isEmpty()) return;
    code.forEach(s -> v.targets.add(s.id));
    if (code.size() == 1) v.inferred.add("targets " + code.get(0).id + ", the only service that runs code");
    else v.review.add("no file says which service reads it, so it targets every service that runs code");
  }

  private static boolean inside(Path file, Draft.Svc s) {
    return s.dir != null && !s.dir.toString().isEmpty() && file.startsWith(s.dir);
  }

  /** The services a comment or folder name names: by id, Render name or folder, or as backend/frontend/worker. */
  static Set<String> mentioned(String text, Draft d) {
    String t = NOT_A_SERVICE_WORD.matcher(text.toLowerCase(Locale.ROOT).replace("next.js", "nextjs")).replaceAll(" ");
    List<String> words = List.of(t.split("[^a-z0-9-]+"));
    Set<String> out = new LinkedHashSet<>();
    for (Draft.Svc s : d.codeServices()) {
      Object name = s.settings.get("name");
      if (words.contains(s.id) || (name != null && t.contains(String.valueOf(name).toLowerCase(Locale.ROOT)))
          || (s.dir != null && !s.dir.toString().isEmpty() && words.contains(s.dir.getFileName().toString().toLowerCase(Locale.ROOT)))) {
        out.add(s.id);
      }
    }
    if (!out.isEmpty()) return out;
    for (String w : words) {
      String role = ALIASES.get(w);
      if (role == null) continue;
      for (Draft.Svc s : d.codeServices()) {
        Object type = s.settings.get("type");
        boolean render = s.platform.equals("render");
        boolean match = switch (role) {
          case "backend" -> render && ("web".equals(type) || "pserv".equals(type)) && !"static".equals(s.settings.get("runtime"));
          case "frontend" -> s.platform.equals("vercel");
          case "worker" -> render && "worker".equals(type);
          case "cron" -> render && "cron".equals(type);
          default -> render;
        };
        if (match) out.add(s.id);
      }
    }
    return out;
  }

  private static List<String> environments(Draft d) {
    boolean deployed = d.services.values().stream().anyMatch(s -> s.platform.equals("render") || s.platform.equals("vercel"));
    if (d.environments.isEmpty()) d.environment("development", "Runway's first environment");
    if (deployed) d.environment("production", "the services deploy to production");
    boolean vercel = d.services.values().stream().anyMatch(s -> s.platform.equals("vercel"));
    boolean previews = d.renderRoot.containsKey("previews") || d.services.values().stream().anyMatch(s -> s.settings.containsKey("previews"))
        || d.variables.values().stream().anyMatch(v -> v.previewValue != null);
    if (vercel) d.environment("preview", "Vercel builds a preview of every branch");
    else if (previews) d.environment("preview", "render.yaml has previews");
    List<String> order = new ArrayList<>();
    for (String e : List.of("development", "preview")) if (d.environments.containsKey(e)) order.add(e);
    d.environments.keySet().stream().filter(e -> !List.of("development", "preview", "production").contains(e)).sorted().forEach(order::add);
    if (d.environments.containsKey("production")) order.add("production");
    return order;
  }

  private static List<String> summary(Draft d, List<String> environments) {
    List<String> out = new ArrayList<>();
    out.add("read " + String.join(", ", d.read));
    out.add("services (" + d.services.size() + "):");
    for (Draft.Svc s : d.services.values()) out.add("  " + s.id + "  " + s.kind());
    out.add("environments: " + String.join(", ", environments));
    Map<String, Integer> byType = new TreeMap<>();
    Map<String, Integer> bySensitivity = new LinkedHashMap<>();
    for (String s : List.of("secret", "internal", "public")) bySensitivity.put(s, 0);
    for (Draft.Variable v : d.variables.values()) {
      byType.merge(v.type, 1, Integer::sum);
      bySensitivity.merge(v.sensitivity.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    out.add("variables (" + d.variables.size() + "): " + String.join(", ", bySensitivity.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey()).toList()));
    out.add("  by type: " + String.join(", ", byType.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    List<String> review = new ArrayList<>();
    List<String> optional = new ArrayList<>();
    java.util.Set<String> toReview = new java.util.LinkedHashSet<>();
    for (Draft.Variable v : d.variables.values()) {
      if (!v.review.isEmpty()) toReview.add(v.name);
      for (String r : v.review) {
        if (r.startsWith(OPTIONAL)) optional.add(v.name);
        else review.add("  " + v.name + ": " + r);
      }
    }
    if (!optional.isEmpty()) {
      review.add("  " + String.join(", ", optional) + ": " + OPTIONAL + " no .env or .env.<environment> file in the"
          + " app's folder sets " + (optional.size() == 1 ? "it" : "them") + "; say required-in = [production] where production needs one");
    }
    out.add("to review (" + toReview.size() + (toReview.size() == 1 ? " variable" : " variables")
        + "; each is a '# review:' comment in runway.conf):");
    out.addAll(review);
    return out;
  }
}
