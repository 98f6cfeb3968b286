package dev.runway.cli.init;

import dev.runway.env.Sensitivity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What init has learned so far: services and variables, each with the notes it will write as comments. */
final class Draft {
  final Map<String, Svc> services = new LinkedHashMap<>();
  final Map<String, Variable> variables = new LinkedHashMap<>();
  /** Root render.yaml fields other than services, databases and envVarGroups, already kebab-cased. */
  final Map<String, Object> renderRoot = new LinkedHashMap<>();
  final List<String> warnings = new ArrayList<>();
  final List<String> read = new ArrayList<>();
  /** Environments seen, with why (for the comment above environments). */
  final Map<String, String> environments = new LinkedHashMap<>();

  /** A service of the model; settings are written in insertion order. */
  /** The branch a push to deploys from: the checkout's current branch, else main. */
  String branch = "main";

  static final class Svc {
    final String id;
    final String platform;
    final Map<String, Object> settings = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** The folder the service's code is in, relative to the app's folder; empty for the root. */
    @Nullable Path dir;
    /** Whether it runs code that reads variables (not a database or a key value store). */
    boolean runsCode = true;

    Svc(String id, String platform) {
      this.id = id;
      this.platform = platform;
    }

    String kind() {
      Object type = settings.get("type");
      Object framework = settings.get("framework");
      Object runtime = settings.get("runtime");
      StringBuilder sb = new StringBuilder(platform);
      if (type != null) sb.append(' ').append(type);
      if (framework != null) sb.append(' ').append(framework);
      if (runtime != null) sb.append(", ").append(runtime);
      return sb.toString();
    }
  }

  /** One value seen for a variable; the value itself is never written anywhere. */
  record Sample(String value, String origin, Path file, boolean template, @Nullable String environment,
      boolean loadedByRunway) {}

  /** A variable of the model. */
  static final class Variable {
    final String name;
    @Nullable String type;
    Sensitivity sensitivity = Sensitivity.INTERNAL;
    @Nullable String format;
    final Set<String> targets = new LinkedHashSet<>();
    final Set<String> requiredIn = new LinkedHashSet<>();
    /** render.yaml value: / previewValue: (only ever written when the variable is not a secret). */
    @Nullable String renderValue;
    @Nullable String renderOrigin;
    @Nullable String previewValue;
    boolean generate;
    boolean unsynced;
    @Nullable Map<String, String> from;
    @Nullable String group;
    final List<Sample> samples = new ArrayList<>();
    /** Comment text around its lines in env files, for targets. */
    final List<String> context = new ArrayList<>();
    final List<String> inferred = new ArrayList<>();
    final List<String> review = new ArrayList<>();
    /** Whether a platform file (render.yaml, compose) named the service that receives it. */
    boolean targetedByPlatformFile;

    Variable(String name) {
      this.name = name;
    }

    Optional<String> defaultValue() {
      return sensitivity == Sensitivity.SECRET ? Optional.empty() : Optional.ofNullable(renderValue);
    }
  }

  Variable variable(String name) {
    return variables.computeIfAbsent(name, Variable::new);
  }

  /** A service id for a name: itself when it is one, else a slug, never one that is taken. */
  String freeId(String wanted) {
    String base = Names.slug(wanted);
    String id = base;
    for (int i = 2; services.containsKey(id); i++) id = base + "-" + i;
    return id;
  }

  Svc service(String id, String platform) {
    Svc s = new Svc(id, platform);
    services.put(id, s);
    return s;
  }

  List<Svc> codeServices() {
    return services.values().stream().filter(s -> s.runsCode).toList();
  }

  void environment(String name, String why) {
    environments.putIfAbsent(name, why);
  }
}
