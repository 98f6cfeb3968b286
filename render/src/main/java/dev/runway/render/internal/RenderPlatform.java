package dev.runway.render.internal;

import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.env.Env;
import dev.runway.env.Environment;
import dev.runway.platform.Platform;
import dev.runway.render.RenderBlueprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Render's plug-in for core: the blueprint the model would generate, held to Render's rules (free
 * plan limits, health check path, $PORT, references), for every environment.
 */
public final class RenderPlatform implements Platform {
  @Override
  public String id() {
    return Generation.PLATFORM;
  }

  @Override
  public List<Problem> check(App app, Environment environment, Optional<Env> values) {
    List<Problem> out = new ArrayList<>();
    RenderBlueprint blueprint = Generation.blueprint(app);
    try {
      RenderBlueprint.parse(blueprint.toYaml());   // settings Render does not know (plan = hobby) surface here
    } catch (dev.runway.base.RunwayException.ValidationFailed e) {
      for (Problem p : e.problems().all()) out.add(p.withOrigin(null).withEnvironment(environment.name()));
    }
    for (Problem p : BlueprintChecks.check(blueprint, key -> app.schema().variable(key).map(v -> v.isSecret()).orElse(false)).all()) {
      out.add(p.withEnvironment(environment.name()));
    }
    return out;
  }
}
