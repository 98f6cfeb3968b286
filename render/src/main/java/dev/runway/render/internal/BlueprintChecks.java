package dev.runway.render.internal;

import dev.runway.Problems;
import dev.runway.render.RenderBlueprint;
import java.util.ArrayList;

/** Placeholder replaced below. */
public final class BlueprintChecks {
  private BlueprintChecks() {}

  public static Problems check(RenderBlueprint blueprint) {
    return Problems.of(new ArrayList<>());
  }
}
