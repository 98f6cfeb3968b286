package dev.runway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActionPinsTest {
  @Test
  void everyPinIsAFullCommitShaWithTheReleaseTagItCameFrom() {
    assertThat(ActionPins.all()).isNotEmpty();
    ActionPins.all().forEach((action, pin) -> {
      assertThat(action).matches("[A-Za-z0-9-]+/[A-Za-z0-9._-]+(/[A-Za-z0-9._/-]+)?");
      assertThat(pin.sha()).as(action).matches("[0-9a-f]{40}");
      assertThat(pin.version()).as(action).matches("v\\d+(\\.\\d+){0,2}");
      assertThat(pin.uses()).isEqualTo(action + "@" + pin.sha());
    });
  }

  @Test
  void anActionWithoutAPinIsRefusedNamingTheTable() {
    assertThatThrownBy(() -> ActionPins.uses("someone/unpinned"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no pinned commit for someone/unpinned (pinned: actions/cache, actions/checkout");
    assertThatThrownBy(() -> new ActionPins.Pin("a/b", "v4", "v4")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theWorkflowsExportedToday() {
    assertThat(ActionPins.uses("actions/checkout")).isEqualTo("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1");
    assertThat(ActionPins.version("actions/cache")).isEqualTo("v5.0.5");
  }
}
