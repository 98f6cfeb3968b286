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
}
