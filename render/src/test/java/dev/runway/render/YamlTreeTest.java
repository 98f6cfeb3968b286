package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.render.YamlTree.Kind;
import dev.runway.render.YamlTree.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTreeTest {
  private static final Origin FILE = Origin.file(Path.of("compose.yml"), 1);

  @Test
  void everyNodeKnowsItsLineKindAndTextAsWritten() {
    Node root = YamlTree.parse("services:\n  api:\n    port: 8080\n    ratio: 1.10\n    on: true\n    tags: [a, b]\n    none:\n",
        FILE, "compose file");
    Node api = root.get("services").orElseThrow().get("api").orElseThrow();
    assertThat(api.line()).isEqualTo(3);
    assertThat(api.keyLine("ratio")).isEqualTo(4);
    assertThat(api.get("port").orElseThrow().kind()).isEqualTo(Kind.NUMBER);
    assertThat(api.get("ratio").orElseThrow().text()).isEqualTo("1.10");
    assertThat(api.get("on").orElseThrow().scalar()).isEqualTo(true);
    assertThat(api.get("none").orElseThrow().scalarText()).isEmpty();
    assertThat(api.get("tags").orElseThrow().plain()).isEqualTo(List.of("a", "b"));
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = (Map<String, Object>) api.plain();
    assertThat(plain).containsEntry("port", 8080).containsEntry("on", true)
        .containsEntry("tags", List.of("a", "b")).containsKeys("ratio", "none");
  }

  @Test
  void aRepeatedKeyASecondDocumentAndBadSyntaxNameTheLine() {
    assertThatThrownBy(() -> YamlTree.parse("a: 1\nb: 2\na: 3\n", FILE, "compose file"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("compose.yml:3: a: is declared twice (first at line 1); remove one of them");
    assertThatThrownBy(() -> YamlTree.parse("a: 1\n---\nb: 2\n", FILE, "compose file"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessageStartingWith("compose.yml:3: compose file: holds more than one YAML document");
    assertThatThrownBy(() -> YamlTree.parse("a: [1, 2\nb: 3\n", FILE, "render.yaml"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessageContaining("render.yaml: is not valid YAML (");
  }

  @Test
  void anchorsAliasesAndMergeKeysResolveWithTheLinesWhereTheyAreWritten() {
    Node root = YamlTree.parse("""
        x-plan: &plan starter
        x-base: &base
          runtime: node
          plan: *plan
        services:
          - <<: *base
            name: api
            plan: pro
          - <<: [*base]
            name: web
        """, FILE, "render.yaml");
    Node api = root.get("services").orElseThrow().items().get(0);
    assertThat(api.plain()).isEqualTo(Map.of("runtime", "node", "plan", "pro", "name", "api"));
    assertThat(api.keyLine("runtime")).isEqualTo(3);
    assertThat(api.keyLine("plan")).isEqualTo(8);
    Node web = root.get("services").orElseThrow().items().get(1);
    assertThat(web.get("plan").orElseThrow().text()).isEqualTo("starter");
    assertThat(web.get("plan").orElseThrow().line()).isEqualTo(1);
    assertThat(web.fields().keySet()).containsExactly("runtime", "plan", "name");
  }

  @Test
  void scalarsAreTypedByTheJsonSchemaAsJacksonTypedThem() {
    Node root = YamlTree.parse("""
        i: 8080
        big: 2147483648
        huge: 123456789012345678901
        f: 1.5e3
        t: true
        cap: True
        yes: yes
        q: "8080"
        oct: 0755
        tagged: !!int "42"
        str: !!str 42
        none: ~
        nul: null
        empty:
        quoted: ''
        """, FILE, "render.yaml");
    assertThat(root.get("i").orElseThrow().scalar()).isEqualTo(8080);
    assertThat(root.get("big").orElseThrow().scalar()).isEqualTo(2147483648L);
    assertThat(root.get("huge").orElseThrow().scalar()).isEqualTo(new java.math.BigInteger("123456789012345678901"));
    assertThat(root.get("f").orElseThrow().scalar()).isEqualTo(1500.0);
    assertThat(root.get("t").orElseThrow().scalar()).isEqualTo(true);
    assertThat(root.get("cap").orElseThrow().kind()).isEqualTo(Kind.STRING);
    assertThat(root.get("yes").orElseThrow().scalar()).isEqualTo("yes");
    assertThat(root.get("q").orElseThrow().scalar()).isEqualTo("8080");
    assertThat(root.get("oct").orElseThrow().scalar()).isEqualTo("0755");
    assertThat(root.get("tagged").orElseThrow().scalar()).isEqualTo(42);
    assertThat(root.get("str").orElseThrow().scalar()).isEqualTo("42");
    assertThat(root.get("none").orElseThrow().scalar()).isEqualTo("~");
    assertThat(root.get("nul").orElseThrow().isNull()).isTrue();
    assertThat(root.get("empty").orElseThrow().isNull()).isTrue();
    assertThat(root.get("quoted").orElseThrow().scalar()).isEqualTo("");
  }

  @Test
  void anAliasBombARecursiveAliasAndJavaTypeTagsAreRefused() {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      bomb.append("]\n");
    }
    assertThatThrownBy(() -> YamlTree.parse(bomb.toString(), FILE, "render.yaml"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("compose.yml:5: render.yaml: aliases here expand to more than 100000 nodes (an alias bomb); write the"
            + " repeated values out, or nest fewer aliases");
    assertThatThrownBy(() -> YamlTree.parse("a: &a\n  b: *a\n", FILE, "compose file"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("compose.yml:1: compose file: an alias refers to the node that contains it; recursive YAML is refused,"
            + " write the values out");
    assertThatThrownBy(() -> YamlTree.parse("a: !!javax.script.ScriptEngineManager [x]\n", FILE, "render.yaml"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("compose.yml:1: render.yaml: !!javax.script.ScriptEngineManager names a Java type; this file holds data"
            + " only, remove the tag");
  }

  @Test
  void manyAliasesAreReadAsCompose() {
    StringBuilder many = new StringBuilder("x: &x {a: 1}\nl:\n");
    for (int i = 0; i < 5_000; i++) many.append("  - *x\n");
    assertThat(YamlTree.parse(many.toString(), FILE, "compose file").get("l").orElseThrow().items()).hasSize(5_000);
  }

  @Test
  void writtenPlainValuesParseBackToTheSameValues() {
    Map<String, Object> plain = new java.util.LinkedHashMap<>();
    plain.put("a", List.of(1, "2", "true", true, "x: y"));
    plain.put("b", Map.of("c", 1.5));
    String text = YamlTree.write(plain);
    assertThat(text).isEqualTo("a:\n  - 1\n  - \"2\"\n  - \"true\"\n  - true\n  - \"x: y\"\nb:\n  c: 1.5\n");
    assertThat(YamlTree.parse(text, FILE, "render.yaml").plain()).isEqualTo(plain);
  }
}
