package dev.runway.cli.init;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.dockersim.ComposeFile;
import dev.runway.render.YamlTree;
import dev.runway.vercel.Vercel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Next.js apps, vercel.json files and compose files of a folder. */
final class AppFolders {
  /** Where a frontend usually lives in a repository; apps/* and packages/* are monorepos. */
  static final List<String> CANDIDATES = List.of("", "frontend", "web", "client", "app", "site", "www", "ui",
      "backend", "api", "server", "worker");
  private static final List<String> COMPOSE = List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

  private AppFolders() {}

  /** Candidate folders that exist, relative to the app: the usual names and every apps/* and packages/*. */
  static List<Path> candidates(Path app) {
    Set<Path> out = new LinkedHashSet<>();
    for (String c : CANDIDATES) if (Files.isDirectory(app.resolve(c))) out.add(Path.of(c));
    for (String mono : List.of("apps", "packages", "services")) {
      Path m = app.resolve(mono);
      if (!Files.isDirectory(m)) continue;
      try (Stream<Path> s = Files.list(m)) {
        s.filter(Files::isDirectory).sorted().forEach(p -> out.add(app.relativize(p)));
      } catch (IOException e) {
        // an unreadable folder holds nothing to import
      }
    }
    return List.copyOf(out);
  }

  /** Next.js apps ({@code next} in a package.json's dependencies) and vercel.json files become Vercel services. */
  static void vercel(Path app, Draft draft) {
    Map<Path, Boolean> next = new LinkedHashMap<>();     // folder → has next
    Map<Path, Path> configs = new LinkedHashMap<>();     // folder → its vercel.json
    for (Path dir : candidates(app)) {
      Path pkg = app.resolve(dir).resolve("package.json");
      if (Files.isRegularFile(pkg) && dependsOnNext(pkg, draft)) next.put(dir, true);
      Path vj = app.resolve(dir).resolve("vercel.json");
      if (Files.isRegularFile(vj)) configs.put(dir, vj);
    }
    Set<Path> folders = new LinkedHashSet<>(next.keySet());
    folders.addAll(configs.keySet());
    // A root vercel.json with the app in a subfolder belongs to that app (Vercel's Root Directory).
    if (configs.containsKey(Path.of("")) && !next.containsKey(Path.of("")) && next.size() == 1) {
      Path only = next.keySet().iterator().next();
      configs.putIfAbsent(only, configs.remove(Path.of("")));
      folders.remove(Path.of(""));
    }
    int count = folders.size();
    for (Path dir : folders) {
      boolean isNext = next.containsKey(dir);
      Optional<Draft.Svc> onRender = draft.services.values().stream()
          .filter(s -> s.platform.equals("render") && dir.equals(s.dir == null ? Path.of("") : s.dir)).findFirst();
      if (onRender.isPresent() && !configs.containsKey(dir)) {
        onRender.get().notes.add("the Next.js app in " + show(dir) + " is deployed by this Render service");
        continue;
      }
      String id = draft.freeId(count == 1 || dir.toString().isEmpty() ? "web" : dir.getFileName().toString());
      Draft.Svc s = draft.service(id, "vercel");
      s.dir = dir;
      Map<String, Object> json = configs.containsKey(dir) ? readJson(app, configs.get(dir), draft) : Map.of();
      Object framework = json.get("framework");
      if (framework != null) s.settings.put("framework", framework);
      else if (isNext) {
        s.settings.put("framework", "nextjs");
        s.notes.add("inferred: framework nextjs, because " + show(dir.resolve("package.json")) + " depends on next");
      }
      if (!dir.toString().isEmpty()) s.settings.put("root-directory", dir.toString());
      if (!configs.containsKey(dir)) {
        s.notes.add("inferred: on Vercel, because a Next.js app is here and no render.yaml service builds it");
      }
      if (configs.containsKey(dir)) vercelSettings(s, configs.get(dir), json, draft);
    }
  }

  /**
   * The file's properties become the service's settings through the vercel module's own mapping
   * (so generating gives the same file back), except env and build.env: their names become
   * variables, their values (possibly secrets, or @secret references) never reach the model.
   */
  private static void vercelSettings(Draft.Svc s, Path file, Map<String, Object> json, Draft draft) {
    if (json.isEmpty()) return;
    for (String k : List.of("env", "build")) {
      Object v = json.get(k);
      Object env = k.equals("env") ? v : v instanceof Map<?, ?> b ? b.get("env") : null;
      if (!(env instanceof Map<?, ?> m)) continue;
      for (Object name : m.keySet()) {
        String n = String.valueOf(name);
        if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) continue;
        Draft.Variable var = draft.variable(n);
        var.targets.add(s.id);
        var.targetedByPlatformFile = true;
        var.review.add("vercel.json's " + k + (k.equals("build") ? ".env" : "") + " sets it; Vercel wants it in the"
            + " project's environment variables instead (runway sync)");
      }
    }
    Map<String, Object> settings = new LinkedHashMap<>(Vercel.settings(Vercel.readConfig(file)));
    settings.remove("env");
    if (settings.get("build") instanceof Map<?, ?> build) {
      Map<Object, Object> rest = new LinkedHashMap<>(build);
      rest.remove("env");
      if (rest.isEmpty()) settings.remove("build");
      else settings.put("build", rest);
    }
    settings.remove("framework");
    settings.forEach(s.settings::put);
  }

  private static Map<String, Object> readJson(Path app, Path file, Draft draft) {
    try {
      Vercel.readConfig(file);    // its errors name file:line
      @SuppressWarnings("unchecked")
      Map<String, Object> m = JsonMapper.shared().readValue(Files.readString(file), LinkedHashMap.class);
      draft.read.add(app.relativize(file).toString());
      return m;
    } catch (RunwayException e) {
      draft.warnings.add(e.getMessage() + " (skipped vercel.json; the rest is imported)");
    } catch (IOException | JacksonException e) {
      draft.warnings.add(file + ": vercel.json: cannot be read; skipped it");
    }
    return Map.of();
  }

  private static boolean dependsOnNext(Path pkg, Draft draft) {
    try {
      JsonNode root = JsonMapper.shared().readTree(Files.readString(pkg));
      for (String deps : List.of("dependencies", "devDependencies")) {
        JsonNode d = root.get(deps);
        if (d != null && d.has("next")) return true;
      }
      return false;
    } catch (IOException | JacksonException e) {
      draft.warnings.add(pkg + ": is not valid JSON; did not look for Next.js in it");
      return false;
    }
  }

  /**
   * The compose file's services: their environment names reach the model service they build (same
   * name, or a build context that is the service's folder). Values stay behind: they are local ones.
   */
  static void compose(Path app, Draft draft) {
    for (String name : COMPOSE) {
      Path file = app.resolve(name);
      if (!Files.isRegularFile(file)) continue;
      YamlTree.Node root;
      try {
        ComposeFile.read(file);
        root = YamlTree.parse(Files.readString(file), Origin.file(file), "compose file");
      } catch (RunwayException e) {
        draft.warnings.add(e.getMessage() + " (skipped " + name + "; the rest is imported)");
        continue;
      } catch (IOException e) {
        draft.warnings.add(file + ": cannot be read; skipped it");
        continue;
      }
      draft.read.add(name);
      List<String> local = new ArrayList<>();
      Set<String> platforms = new TreeSet<>();
      for (Map.Entry<String, YamlTree.Node> e : root.get("services").map(YamlTree.Node::fields).orElse(Map.of()).entrySet()) {
        YamlTree.Node svc = e.getValue();
        Path context = svc.get("build").map(b -> b.isMap() ? b.get("context").map(YamlTree.Node::text).orElse(".") : b.text())
            .map(c -> Path.of(c).normalize()).orElse(null);
        Draft.Svc target = draft.services.get(e.getKey());
        if (target == null && context != null) {
          target = draft.services.values().stream().filter(s -> context.equals(s.dir == null ? Path.of("") : s.dir))
              .findFirst().orElse(null);
        }
        if (target == null) {
          local.add(e.getKey());
          continue;
        }
        for (Map.Entry<String, String> env : environment(svc).entrySet()) {
          if (!env.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) continue;
          if (Names.setByRender(env.getKey())) {  // a compose file that stands in for Render sets them by hand
            platforms.add(env.getKey());
            continue;
          }
          Draft.Variable v = draft.variable(env.getKey());
          v.targets.add(target.id);
          v.targetedByPlatformFile = true;
          v.samples.add(new Draft.Sample(env.getValue(), name, Path.of(name), true, null, false));
        }
      }
      if (!platforms.isEmpty()) {
        draft.warnings.add(name + ": " + String.join(", ", platforms) + ": set by Render itself on every instance,"
            + " so they are not in the model");
      }
      if (!local.isEmpty()) {
        draft.warnings.add(name + ": " + String.join(", ", local) + ": run only locally (no Render or Vercel service"
            + " builds " + (local.size() == 1 ? "it" : "them") + "), so they are not in the model");
      }
    }
  }

  private static Map<String, String> environment(YamlTree.Node svc) {
    Map<String, String> out = new LinkedHashMap<>();
    YamlTree.Node env = svc.get("environment").orElse(null);
    if (env == null) return out;
    if (env.isMap()) env.fields().forEach((k, v) -> out.put(k, v.text()));
    else for (YamlTree.Node item : env.items()) {
      String t = item.text();
      int eq = t.indexOf('=');
      out.put(eq < 0 ? t : t.substring(0, eq), eq < 0 ? "" : t.substring(eq + 1));
    }
    return out;
  }

  static String show(Path rel) {
    return rel.toString().isEmpty() ? "the app's folder" : rel.toString();
  }
}
