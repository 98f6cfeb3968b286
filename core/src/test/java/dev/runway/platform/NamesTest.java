package dev.runway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void closestSuggestsALikelyTypo() {
    assertThat(Names.closest("PORTT", List.of("PORT", "HOST"))).contains("PORT");
    assertThat(Names.closest("requird-in", List.of("required", "required-in", "forbidden-in"))).contains("required-in");
    assertThat(Names.closest("Production", List.of("production"))).contains("production");
  }

  @Test
  void closestSuggestsNothingForAnUnrelatedName() {
    assertThat(Names.closest("DATABASE", List.of("PORT", "HOST"))).isEmpty();
    assertThat(Names.closest("x", List.of())).isEmpty();
  }

  @Test
  void closestAllowsMoreEditsForLongerNames() {
    assertThat(Names.closest("ab", List.of("ac"))).contains("ac");
    assertThat(Names.closest("ab", List.of("cd"))).isEmpty();
    assertThat(Names.closest("OPENAI_KEY_API", List.of("OPENAI_API_KEY"))).isEmpty();
    assertThat(Names.closest("OPENAI_API_KY", List.of("OPENAI_API_KEY", "OPENAI_MODEL"))).contains("OPENAI_API_KEY");
  }

  @Test
  void aSwapOfTwoLettersIsOneTypo() {
    assertThat(Names.distance("prot", "port")).isEqualTo(1);
    assertThat(Names.closest("prot", List.of("port", "host"))).contains("port");
    assertThat(Names.closest("wbe", List.of("api", "web"))).contains("web");
    assertThat(Names.closest("PROT", List.of("PORT"))).contains("PORT");
  }

  @Test
  void knownListsNamesSorted() {
    assertThat(Names.known(List.of("web", "api", "db"))).isEqualTo("known: api, db, web");
    assertThat(Names.known(List.of())).isEqualTo("none declared");
  }

  @Test
  void distanceIsTheLevenshteinDistance() {
    assertThat(Names.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Names.distance("", "abc")).isEqualTo(3);
    assertThat(Names.distance("same", "same")).isZero();
  }
}
