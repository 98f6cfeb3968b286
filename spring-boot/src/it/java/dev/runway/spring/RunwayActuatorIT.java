package dev.runway.spring;

import static dev.runway.spring.TestApps.get;
import static dev.runway.spring.TestApps.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.spring.TestApps.Answer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Boot web application with Actuator on a loopback port: Runway's probes in /actuator/health and its groups. */
class RunwayActuatorIT {
  private ConfigurableApplicationContext app;

  @AfterEach
  void stop() {
    TestApps.DB_UP.set(true);
    if (app != null) app.close();
  }

  @Test
  void showsEveryRunwayProbeInActuatorHealth() throws Exception {
    app = start(TestApps.Probed.class);

    Answer health = get(app, "/actuator/health");

    System.out.println("Spring Boot " + SpringBootVersion.getVersion() + ": " + health.json());
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json()).containsEntry("status", "UP");
    assertThat(health.components()).containsKeys("runwayLiveness", "runwayReadiness", "runwayDeep");
    assertThat(health.component("runwayLiveness", "process")).containsEntry("status", "UP");
    assertThat(health.component("runwayReadiness", "config")).containsEntry("status", "UP");
    assertThat(health.component("runwayDeep", "db")).containsEntry("status", "UP");
    assertThat(details(health, "runwayReadiness", "config"))
        .containsEntry("status", "pass").containsEntry("kind", "custom").containsEntry("message", "loaded")
        .containsEntry("critical", true);
    // A failing non-critical probe makes a Runway report warn, not fail: UP, with Runway's own status in details.
    assertThat(health.component("runwayDeep", "search")).containsEntry("status", "UP");
    assertThat(details(health, "runwayDeep", "search"))
        .containsEntry("status", "fail").containsEntry("critical", false)
        .containsEntry("message", "search index unreachable");
  }

  @Test
  void putsLivenessProbesInTheLivenessGroupAndTheOthersInReadiness() throws Exception {
    // Boot 4 enables its probe groups by default, Boot 3 only on Kubernetes: off here for both.
    app = start(TestApps.Probed.class, "management.endpoint.health.probes.enabled=false");

    Answer liveness = get(app, "/actuator/health/liveness");
    Answer readiness = get(app, "/actuator/health/readiness");

    // Actuator has no probe groups here: Runway adds them, shown like the primary.
    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.components()).containsOnlyKeys("runwayLiveness");
    assertThat(liveness.component("runwayLiveness")).extracting("components")
        .asInstanceOf(InstanceOfAssertFactories.MAP).containsOnlyKeys("process");
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.components()).containsOnlyKeys("runwayReadiness", "runwayDeep");
  }

  @Test
  void failsReadinessButNotLivenessWhenACriticalDependencyIsDown() throws Exception {
    app = start(TestApps.Probed.class, "management.endpoint.health.probes.enabled=false");
    TestApps.DB_UP.set(false);

    Answer readiness = get(app, "/actuator/health/readiness");
    Answer liveness = get(app, "/actuator/health/liveness");

    assertThat(readiness.status()).isEqualTo(503);
    assertThat(readiness.json()).containsEntry("status", "DOWN");
    assertThat(readiness.component("runwayDeep", "db")).containsEntry("status", "DOWN");
    assertThat(details(readiness, "runwayDeep", "db")).containsEntry("message", "connection refused");
    assertThat(liveness.status()).isEqualTo(200);
  }

  @Test
  void joinsActuatorsOwnProbeGroupsAndKeepsTheirMembers() throws Exception {
    app = start(TestApps.Probed.class, "management.endpoint.health.probes.enabled=true");

    TestApps.DB_UP.set(false);
    Answer readinessWithDbDown = get(app, "/actuator/health/readiness");
    Answer livenessWithDbDown = get(app, "/actuator/health/liveness");
    TestApps.DB_UP.set(true);
    AvailabilityChangeEvent.publish(app, LivenessState.BROKEN);
    Answer livenessBroken = get(app, "/actuator/health/liveness");
    Answer readinessBroken = get(app, "/actuator/health/readiness");

    // Boot's own probe groups hide their components, so membership shows in the status alone.
    assertThat(readinessWithDbDown.status()).isEqualTo(503);
    assertThat(livenessWithDbDown.status()).isEqualTo(200);
    assertThat(livenessBroken.status()).isEqualTo(503);
    assertThat(readinessBroken.status()).isEqualTo(200);
  }

  @Test
  void leavesTheGroupsAloneWhenToldTo() throws Exception {
    app = start(TestApps.Probed.class,
        "runway.health.groups.enabled=false", "management.endpoint.health.probes.enabled=true");
    TestApps.DB_UP.set(false);

    Answer health = get(app, "/actuator/health");
    Answer readiness = get(app, "/actuator/health/readiness");

    assertThat(health.status()).isEqualTo(503);
    assertThat(readiness.status()).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> details(Answer a, String... path) {
    return (java.util.Map<String, Object>) a.component(path).get("details");
  }
}
