package dev.runway.spring;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/** Keeps the last failure analysis Boot reported (registered in the tests' META-INF/spring.factories). */
public final class CapturingFailureAnalysisReporter implements FailureAnalysisReporter {
  static final AtomicReference<FailureAnalysis> LAST = new AtomicReference<>();

  @Override
  public void report(FailureAnalysis analysis) {
    LAST.set(analysis);
  }
}
