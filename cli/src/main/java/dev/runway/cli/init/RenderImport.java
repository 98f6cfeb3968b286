package dev.runway.cli.init;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.render.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * render.yaml into the draft: every field of every service and database as a setting (kebab-case),
 * envVars as variables, env var groups as groups, root fields as the render block. Read as a plain
 * YAML tree so that a field Render added after Runway's reader (or a typo) costs only itself, not the
 * whole file: {@code runway render check} holds the file to Render's rules afterwards.
 */
final class RenderImport {
  private static final Set<String> CODE_TYPES = Set.of("web", "worker", "pserv", "cron");

  private final Path app;
  private final Path file;
  private final Draft draft;
  private final String rel;
  /** render.yaml names → model ids, per section (a service and a database may share a name). */
  private final Map<String, String> ids = new LinkedHashMap<>();
  private final Map<String, String> dbIds = new LinkedHashMap<>();
  private final Map<String, String> kinds = new LinkedHashMap<>();
  private final Map<String, List<String>> groupMembers = new LinkedHashMap<>();

  private RenderImport(Path app, Path file, Draft draft) {
    this.app = app;
    this.file = file;
    this.draft = draft;
    this.rel = app.relativize(file).toString();
  }

  /** Imports the file, or adds a warning with its file:line and imports nothing from it. */
  static void read(Path app, Path file, Draft draft) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      draft.warnings.add(file + ": render.yaml: cannot be read (" + e.getClass().getSimpleName() + "); skipped it");
      return;
    }
    YamlTree.Node root;
    try {
      root = YamlTree.parse(text, Origin.file(file), "render.yaml");
    } catch (RunwayException e) {
      draft.warnings.add(e.getMessage() + " (skipped render.yaml; the rest is imported)");
      return;
    }
    if (!root.isMap()) {
      draft.warnings.add(file + ":" + root.line() + ": render.yaml: is not a map of services, databases, ...; skipped it");
      return;
    }
    draft.read.add(app.relativize(file).toString());
    new RenderImport(app, file, draft).importRoot(root);
  }

  private String at(int line) {
    return file + ":" + line;
  }

  private void importRoot(YamlTree.Node root) {
    List<YamlTree.Node> blocks = new ArrayList<>(List.of(root));
    // Newer render.yaml files group services in projects and their environments.
    for (YamlTree.Node p : root.get("projects").map(YamlTree.Node::items).orElse(List.of())) {
      for (YamlTree.Node e : p.get("environments").map(YamlTree.Node::items).orElse(List.of())) {
        blocks.add(e);
        draft.warnings.add(at(e.line()) + ": projects: imported the services of project "
            + p.get("name").map(YamlTree.Node::text).orElse("?") + ", environment " + e.get("name").map(YamlTree.Node::text).orElse("?")
            + " as the app's own; runway render generate writes them at the root of render.yaml");
      }
    }
    // Ids first, so a reference may point at a service declared further down.
    for (YamlTree.Node block : blocks) {
      for (String section : List.of("services", "databases")) {
        Map<String, String> names = section.equals("databases") ? dbIds : ids;
        for (YamlTree.Node n : block.get(section).filter(YamlTree.Node::isList).map(YamlTree.Node::items).orElse(List.of())) {
          String name = n.get("name").map(YamlTree.Node::text).orElse("");
          if (name.isEmpty() || names.containsKey(name)) continue;
          String id = draft.freeId(name);
          names.put(name, id);
          draft.service(id, "render"); // reserved; settings are filled in below
          if (section.equals("services")) kinds.put(name, n.get("type").map(YamlTree.Node::text).orElse("web"));
        }
      }
    }
    for (YamlTree.Node block : blocks) {
      block.get("envVarGroups").ifPresent(this::groups);
      block.get("services").ifPresent(n -> list(n, "services").forEach(x -> service(x, false)));
      block.get("databases").ifPresent(n -> list(n, "databases").forEach(x -> service(x, true)));
    }
    for (Map.Entry<String, YamlTree.Node> e : root.fields().entrySet()) {
      switch (e.getKey()) {
        case "services", "databases", "envVarGroups", "projects" -> { }
        default -> {
          Object value = plain(e.getValue());
          if (value != null) draft.renderRoot.put(Names.kebab(e.getKey()), value);
        }
      }
    }
  }

  private List<YamlTree.Node> list(YamlTree.Node n, String what) {
    if (!n.isList()) {
      draft.warnings.add(at(n.line()) + ": " + what + ": is not a list; skipped it");
      return List.of();
    }
    return n.items();
  }

  private void groups(YamlTree.Node groups) {
    for (YamlTree.Node g : list(groups, "envVarGroups")) {
      String name = g.get("name").map(YamlTree.Node::text).orElse("");
      if (name.isEmpty()) {
        draft.warnings.add(at(g.line()) + ": envVarGroups: an entry has no name; skipped it");
        continue;
      }
      List<String> members = new ArrayList<>();
      for (YamlTree.Node ev : g.get("envVars").map(YamlTree.Node::items).orElse(List.of())) {
        String key = envVar(ev, null, name);
        if (key != null) members.add(key);
      }
      groupMembers.put(name, members);
    }
  }

  private void service(YamlTree.Node n, boolean database) {
    if (!n.isMap()) {
      draft.warnings.add(at(n.line()) + ": " + (database ? "databases" : "services") + ": an entry is not a map; skipped it");
      return;
    }
    String name = n.get("name").map(YamlTree.Node::text).orElse("");
    if (name.isEmpty()) {
      draft.warnings.add(at(n.line()) + ": " + (database ? "a database" : "a service") + " has no name; skipped it");
      return;
    }
    String id = (database ? dbIds : ids).get(name);
    Draft.Svc s = draft.services.get(id);
    if (!s.settings.isEmpty()) {
      draft.warnings.add(at(n.line()) + ": " + name + ": is declared twice; kept the first");
      return;
    }
    String type = database ? "postgres" : n.get("type").map(YamlTree.Node::text).orElse("web");
    s.settings.put("type", type);
    s.runsCode = !database && CODE_TYPES.contains(type);
    if (!id.equals(name)) {
      s.settings.put("name", name);
      s.notes.add("inferred: id " + id + ", because the Render name '" + name + "' is not lower-case letters, digits and dashes");
    }
    for (Map.Entry<String, YamlTree.Node> f : n.fields().entrySet()) {
      String key = f.getKey();
      if (key.equals("name") || key.equals("type")) continue;
      if (key.equals("envVars")) {
        for (YamlTree.Node ev : list(f.getValue(), name + ".envVars")) envVar(ev, id, null);
        continue;
      }
      Object value = plain(f.getValue());
      if (value == null) {
        draft.warnings.add(at(n.keyLine(key)) + ": " + name + "." + key + ": is empty; left it out");
        continue;
      }
      // env: was render.yaml's name for runtime: before Render renamed it.
      String setting = key.equals("env") && !n.fields().containsKey("runtime") ? "runtime" : Names.kebab(key);
      s.settings.put(setting, value);
      if (key.equals("rootDir")) s.dir = Path.of(String.valueOf(value)).normalize();
    }
  }

  /** One envVars entry; returns its key (null for fromGroup or a broken entry). */
  private @Nullable String envVar(YamlTree.Node ev, @Nullable String serviceId, @Nullable String group) {
    if (ev.get("fromGroup").isPresent()) {
      String g = ev.get("fromGroup").get().text();
      List<String> members = groupMembers.get(g);
      if (members == null) {
        draft.warnings.add(at(ev.line()) + ": fromGroup: names group '" + g + "', which render.yaml does not declare; skipped it");
      } else if (serviceId != null) {
        for (String m : members) target(draft.variable(m), serviceId);
      }
      return null;
    }
    String key = ev.get("key").map(YamlTree.Node::text).orElse("");
    if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      draft.warnings.add(at(ev.line()) + ": envVars: an entry has " + (key.isEmpty() ? "no key" : "the key '" + key
          + "', which is not a variable name") + "; skipped it");
      return null;
    }
    Draft.Variable v = draft.variable(key);
    if (serviceId != null) target(v, serviceId);
    if (group != null) v.group = group;
    ev.get("value").flatMap(YamlTree.Node::scalarText).ifPresent(x -> {
      v.renderValue = x;
      v.renderOrigin = at(ev.keyLine("value"));
    });
    ev.get("previewValue").flatMap(YamlTree.Node::scalarText).ifPresent(x -> v.previewValue = x);
    if (ev.get("generateValue").map(YamlTree.Node::scalar).filter(Boolean.TRUE::equals).isPresent()) v.generate = true;
    if (ev.get("sync").map(YamlTree.Node::scalar).filter(Boolean.FALSE::equals).isPresent()) v.unsynced = true;
    ev.get("fromDatabase").ifPresent(d -> from(v, d, true));
    ev.get("fromService").ifPresent(d -> from(v, d, false));
    return key;
  }

  private void from(Draft.Variable v, YamlTree.Node ref, boolean database) {
    String name = ref.get("name").map(YamlTree.Node::text).orElse("");
    String id = (database ? dbIds : ids).get(name);
    if (id == null) {
      draft.warnings.add(at(ref.line()) + ": " + v.name + ": takes its value from '" + name
          + "', which render.yaml does not declare; declared it without that source");
      return;
    }
    Map<String, String> from = new LinkedHashMap<>();
    from.put("service", id);
    ref.get("property").map(YamlTree.Node::text).ifPresent(p -> from.put("property", p));
    if (!database) ref.get("envVarKey").map(YamlTree.Node::text).ifPresent(k -> from.put("variable", k));
    if (from.size() != 2) {
      draft.warnings.add(at(ref.line()) + ": " + v.name + ": a reference needs one of property and envVarKey;"
          + " declared it without that source");
      return;
    }
    from.put("kind", database ? "postgres" : kinds.getOrDefault(name, "web"));  // not written: tells the type of a connectionString
    v.from = from;
  }

  private static void target(Draft.Variable v, String serviceId) {
    v.targets.add(serviceId);
    v.targetedByPlatformFile = true;
  }

  /** A node as plain values with camelCase keys in kebab-case; nulls dropped. */
  static @Nullable Object plain(YamlTree.Node n) {
    if (n.isMap()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.fields().forEach((k, v) -> {
        Object p = plain(v);
        if (p != null) m.put(Names.kebab(k), p);
      });
      return m;
    }
    if (n.isList()) {
      List<Object> l = new ArrayList<>();
      for (YamlTree.Node i : n.items()) {
        Object p = plain(i);
        if (p != null) l.add(p);
      }
      return l;
    }
    return n.scalar();
  }
}
