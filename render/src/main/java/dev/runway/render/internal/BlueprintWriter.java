package dev.runway.render.internal;

import dev.runway.render.BlueprintDatabase;
import dev.runway.render.BlueprintEnvVar;
import dev.runway.render.BlueprintService;
import dev.runway.render.EnvVarGroup;
import dev.runway.render.RenderBlueprint;
import dev.runway.render.YamlTree;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@link RenderBlueprint} to render.yaml text in a stable order: modelled fields in the order of
 * Render's docs, then unmodelled ones sorted by name. Strings are unquoted where YAML allows, but
 * strings that would read back as numbers or booleans stay quoted, so a file round-trips.
 */
public final class BlueprintWriter {
  // Builds the tree only; the text is YamlTree.write's, the one YAML style of render.yaml and compose files.
  static final YAMLMapper MAPPER = YAMLMapper.builder().build();

  private BlueprintWriter() {}

  public static String write(RenderBlueprint blueprint) {
    return YamlTree.write(tree(blueprint));
  }

  /**
   * The blueprint as plain Java values (ordered maps, lists, strings, numbers, booleans), exactly
   * the fields {@link #write} writes: what drift and dropped-field checks compare.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> plain(RenderBlueprint blueprint) {
    return MAPPER.treeToValue(tree(blueprint), java.util.LinkedHashMap.class);
  }

  private static ObjectNode tree(RenderBlueprint blueprint) {
    ObjectNode root = MAPPER.createObjectNode();
    Object version = blueprint.extras().get("version");
    if (version != null) root.set("version", MAPPER.valueToTree(version));
    blueprint.previews().ifPresent(p -> {
      ObjectNode n = root.putObject("previews");
      p.generation().ifPresent(g -> n.put("generation", g));
      p.expireAfterDays().ifPresent(d -> n.put("expireAfterDays", d));
    });
    if (!blueprint.services().isEmpty()) {
      ArrayNode services = root.putArray("services");
      for (BlueprintService s : blueprint.services()) services.add(service(s));
    }
    if (!blueprint.databases().isEmpty()) {
      ArrayNode dbs = root.putArray("databases");
      for (BlueprintDatabase d : blueprint.databases()) dbs.add(database(d));
    }
    if (!blueprint.envVarGroups().isEmpty()) {
      ArrayNode groups = root.putArray("envVarGroups");
      for (EnvVarGroup g : blueprint.envVarGroups()) {
        ObjectNode n = groups.addObject();
        n.put("name", g.name());
        envVars(n.putArray("envVars"), g.envVars());
      }
    }
    extras(root, blueprint.extras(), List.of("version"));
    return root;
  }

  private static ObjectNode service(BlueprintService s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("type", s.type());
    n.put("name", s.name());
    Map<String, String> text = s.textFields();
    for (String f : List.of("runtime", "plan", "region", "repo", "branch", "rootDir", "schedule", "buildCommand",
        "startCommand", "dockerCommand", "dockerfilePath", "dockerContext", "preDeployCommand", "staticPublishPath",
        "healthCheckPath")) {
      String v = text.get(f);
      if (v != null) n.put(f, v);
    }
    s.numInstances().ifPresent(v -> n.put("numInstances", v));
    s.scaling().ifPresent(sc -> {
      ObjectNode o = n.putObject("scaling");
      o.put("minInstances", sc.minInstances());
      o.put("maxInstances", sc.maxInstances());
      sc.targetMemoryPercent().ifPresent(v -> o.put("targetMemoryPercent", v));
      sc.targetCPUPercent().ifPresent(v -> o.put("targetCPUPercent", v));
    });
    s.disk().ifPresent(d -> {
      ObjectNode o = n.putObject("disk");
      o.put("name", d.name());
      o.put("mountPath", d.mountPath());
      d.sizeGB().ifPresent(v -> o.put("sizeGB", v));
    });
    String trigger = text.get("autoDeployTrigger");
    if (trigger != null) n.put("autoDeployTrigger", trigger);
    s.buildFilter().ifPresent(f -> {
      ObjectNode o = n.putObject("buildFilter");
      if (!f.paths().isEmpty()) f.paths().forEach(o.putArray("paths")::add);
      if (!f.ignoredPaths().isEmpty()) f.ignoredPaths().forEach(o.putArray("ignoredPaths")::add);
    });
    if (!s.domains().isEmpty()) s.domains().forEach(n.putArray("domains")::add);
    if (!s.envVars().isEmpty()) envVars(n.putArray("envVars"), s.envVars());
    extras(n, s.extras(), List.of());
    return n;
  }

  private static ObjectNode database(BlueprintDatabase d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", d.name());
    d.plan().ifPresent(v -> n.put("plan", v));
    d.region().ifPresent(v -> n.put("region", v));
    d.databaseName().ifPresent(v -> n.put("databaseName", v));
    d.user().ifPresent(v -> n.put("user", v));
    d.postgresMajorVersion().ifPresent(v -> n.put("postgresMajorVersion", v));
    extras(n, d.extras(), List.of());
    return n;
  }

  private static void envVars(ArrayNode array, List<BlueprintEnvVar> vars) {
    for (BlueprintEnvVar v : vars) {
      ObjectNode o = array.addObject();
      if (v instanceof BlueprintEnvVar.Value x) {
        o.put("key", x.name());
        o.put("value", x.value());
        x.previewValue().ifPresent(p -> o.put("previewValue", p));
      } else if (v instanceof BlueprintEnvVar.Generated x) {
        o.put("key", x.name());
        o.put("generateValue", true);
      } else if (v instanceof BlueprintEnvVar.Unsynced x) {
        o.put("key", x.name());
        o.put("sync", false);
      } else if (v instanceof BlueprintEnvVar.FromDatabase x) {
        o.put("key", x.name());
        ObjectNode r = o.putObject("fromDatabase");
        r.put("name", x.database());
        r.put("property", x.property());
      } else if (v instanceof BlueprintEnvVar.FromService x) {
        o.put("key", x.name());
        ObjectNode r = o.putObject("fromService");
        r.put("type", x.serviceType());
        r.put("name", x.service());
        x.property().ifPresent(p -> r.put("property", p));
        x.envVarKey().ifPresent(p -> r.put("envVarKey", p));
      } else if (v instanceof BlueprintEnvVar.FromGroup x) {
        o.put("fromGroup", x.group());
      }
    }
  }

  private static void extras(ObjectNode node, Map<String, Object> extras, List<String> skip) {
    extras.forEach((k, v) -> {
      if (!skip.contains(k)) {
        JsonNode tree = MAPPER.valueToTree(v);
        node.set(k, tree);
      }
    });
  }
}
