package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Problem;
import dev.runway.base.Problems;
import org.junit.jupiter.api.Test;

class BlueprintChecksTest {

  @Test
  void aSoundBlueprintHasNoProblems() {
    assertThat(RenderBlueprint.parse(RenderBlueprintTest.FULL).check().all()).isEmpty();
  }

  @Test
  void freePlanHasNoDiskScalingOrExtraInstances() {
    Problems p = RenderBlueprint.parse("""
        services:
          - type: web
            name: api
            runtime: docker
            plan: free
            healthCheckPath: /health
            numInstances: 2
            scaling: {minInstances: 1, maxInstances: 2}
            disk: {name: data, mountPath: /data}
          - type: worker
            name: jobs
            runtime: python
            plan: free
        """).check();
    assertThat(p.all()).extracting(Problem::text).containsExactly(
        "render.yaml:7: services.api.numInstances: the free plan runs one instance, not 2; remove numInstances: or use plan: starter",
        "render.yaml:8: services.api.scaling: the free plan does not autoscale; remove scaling: or use plan: starter",
        "render.yaml:9: services.api.disk: the free plan has no persistent disk; remove disk: or use plan: starter",
        "render.yaml:13: services.jobs.plan: free is not offered for worker services (expected free only for web"
            + " services, Key Value and Postgres); use plan: starter");
  }

  @Test
  void aWebServiceWithoutHealthCheckPathIsAWarningAndALiteralPortAnError() {
    Problems p = RenderBlueprint.parse("""
        services:
          - type: web
            name: api
            runtime: python
            startCommand: uvicorn app:app --host 0.0.0.0 --port 8000
        """).check();
    assertThat(p.warnings()).extracting(Problem::text).containsExactly(
        "render.yaml:2: services.api.healthCheckPath: is not set, so Render switches traffic to a new deploy as soon as"
            + " its port is open, healthy or not; to keep the previous deploy serving when a new one is broken, set"
            + " healthCheckPath: to a path your app answers with 2xx or 3xx");
    assertThat(p.errors()).extracting(Problem::text).containsExactly(
        "render.yaml:5: services.api.startCommand: binds port 8000 instead of $PORT (expected the port Render injects"
            + " in PORT (10000 by default)); bind $PORT, e.g. --port $PORT");
  }

  @Test
  void acceptsAStartCommandThatBindsPort() {
    Problems p = RenderBlueprint.parse("""
        services:
          - type: web
            name: api
            runtime: python
            healthCheckPath: /health
            startCommand: uvicorn app:app --host 0.0.0.0 --port $PORT
        """).check();
    assertThat(p.all()).isEmpty();
  }

  @Test
  void referencesMustPointAtThingsThatExist() {
    Problems p = RenderBlueprint.parse("""
        services:
          - type: worker
            name: jobs
            runtime: python
            envVars:
              - fromGroup: sharde
              - key: DB
                fromDatabase: {name: db, property: connectionString}
              - key: API
                fromService: {type: web, name: apii, property: host}
              - key: CACHE
                fromService: {type: web, name: jobs, property: host}
        """).check();
    assertThat(p.all()).extracting(Problem::text).containsExactly(
        "render.yaml:6: services.jobs.envVars.fromGroup: names no env var group 'sharde' declared in this file"
            + " (expected none declared); add it under envVarGroups:, fix the name, or make sure the group exists in"
            + " your Render workspace",
        "render.yaml:8: services.jobs.envVars.DB.fromDatabase: names no database 'db' (expected none declared); add it"
            + " under databases: or fix the name",
        "render.yaml:10: services.jobs.envVars.API.fromService: names no service 'apii' (expected one of jobs); add the"
            + " service or fix the name",
        "render.yaml:12: services.jobs.envVars.CACHE.fromService: says type web but jobs is a worker service; write type: worker");
    assertThat(p.errors()).hasSize(3);   // a group may live in the workspace: that one is a warning
  }

  @Test
  void aSecretNeverCarriesAValueAndTheMessageNeverShowsIt() {
    Problems p = RenderBlueprint.parse("""
        services:
          - type: worker
            name: jobs
            runtime: python
            envVars:
              - key: OPENAI_API_KEY
                value: sk-proj-abcdef
              - key: LOG_LEVEL
                value: info
        """).check();
    assertThat(p.all()).extracting(Problem::text).containsExactly(
        "render.yaml:7: services.jobs.envVars.OPENAI_API_KEY: is a secret but render.yaml carries its value; replace"
            + " value: with sync: false and set the value in the Render dashboard (or runway sync)");
    assertThat(p.toText() + p.toJson()).doesNotContain("sk-proj");
  }

  @Test
  void duplicateNamesAreReported() {
    Problems p = RenderBlueprint.parse("""
        services:
          - {type: worker, name: jobs, runtime: python, envVars: [{key: A, value: "1"}, {key: A, value: "2"}]}
          - {type: worker, name: jobs, runtime: python}
        """).check();
    assertThat(p.all()).extracting(Problem::code).containsExactly(Problem.DUPLICATE, Problem.DUPLICATE);
  }
}
