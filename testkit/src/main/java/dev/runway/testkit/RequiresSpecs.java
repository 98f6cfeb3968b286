package dev.runway.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips each test of the annotated class (or the annotated test) when the vendor specs are not
 * found, naming the file and how to get the specs; under {@code CI=true} the tests run and fail on
 * the missing file instead. For classes whose set-up needs a spec: each test is reported skipped
 * on its own, where an assumption failing in {@code @BeforeAll} would hide the whole class from
 * the build's counts.
 *
 * <pre>{@code
 * @RequiresSpecs("render/render-public-api-openapi.json")
 * class RenderClientContractTest { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresSpecs.Condition.class)
public @interface RequiresSpecs {
  /** The files the tests read, relative to the specs folder. */
  String[] value();

  /** Decides per test, never for the class as a whole, so that every skipped test is counted. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (context.getTestMethod().isEmpty()) return ConditionEvaluationResult.enabled("decided per test");
      for (AnnotatedElement e = context.getRequiredTestMethod(); e != null; e = enclosing(e)) {
        RequiresSpecs needs = e.getAnnotation(RequiresSpecs.class);
        if (needs == null) continue;
        for (String file : needs.value()) {
          Optional<String> reason = Specs.skipReason(file);
          if (reason.isPresent()) return ConditionEvaluationResult.disabled(reason.get());
        }
      }
      return ConditionEvaluationResult.enabled("vendor specs found (or CI=true)");
    }

    private static AnnotatedElement enclosing(AnnotatedElement e) {
      if (e instanceof java.lang.reflect.Method m) return m.getDeclaringClass();
      return ((Class<?>) e).getEnclosingClass();
    }
  }
}
