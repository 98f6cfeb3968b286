package dev.runway.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An in-memory deploy target: versions v1, v2, ...; records deploys and rollbacks in a shared log. */
final class FakeTarget implements DeployTarget {
  final String name;
  final List<String> log;
  int live;
  boolean failDeploy;
  boolean failRollback;

  FakeTarget(String name, List<String> sharedLog, int live) {
    this.name = name;
    this.log = sharedLog;
    this.live = live;
  }

  static List<String> log() {
    return Collections.synchronizedList(new ArrayList<>());
  }

  @Override
  public String name() {
    return "fake:" + name;
  }

  @Override
  public Deployment deploy(StepContext context) {
    if (failDeploy) throw new dev.runway.base.RunwayException.DeployFailed(
        "fake:" + name + ": deploy v" + (live + 1) + " ended build_failed; read the build log", dev.runway.base.Origin.of("fake:" + name), "build_failed");
    int previous = live;
    live = live + 1;
    log.add("deploy " + name + " v" + live);
    context.log("deployed " + name + " v" + live);
    Deployment d = Deployment.of("v" + live);
    return previous == 0 ? d : d.previous("v" + previous);
  }

  @Override
  public void rollback(Deployment deployment, StepContext context) {
    if (failRollback) throw new IllegalStateException("fake:" + name + " refused the rollback");
    live = Integer.parseInt(deployment.previousVersion().orElseThrow().substring(1));
    log.add("rollback " + name + " to v" + live);
  }
}
