package dev.runway.junit;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs sandboxes and simulations for JUnit 5 test classes, {@link AutoCloseable} underneath, in two
 * ways:
 *
 * <ul>
 *   <li>{@link Sandbox @Sandbox} static fields: started (when {@code null}) before the class's first
 *       test, closed after its last, in reverse declaration order;
 *   <li>{@link #start(Starter)} on a {@code @RegisterExtension} field, for anything built by a lambda:
 *       on a static field it lives for the class, on an instance field for each test.
 * </ul>
 *
 * Test methods, lifecycle methods and constructors receive a started resource as a parameter of its
 * type. Closing never skips a resource: when one fails to close, the others are still closed and
 * the first failure is thrown with the others suppressed.
 *
 * <pre>{@code
 * class PipelineTest {
 *   @Sandbox static RenderSandbox render;
 *
 *   @RegisterExtension
 *   static final RunwayExtension.Resource<ProcessSimulation> api = RunwayExtension.start(() ->
 *       DockerSim.process(Runway.load(Path.of("runway.conf")), "api").port(0).start());
 *
 *   @Test
 *   void smokeTestPasses(RenderSandbox sandbox) {
 *     HttpRequest.newBuilder(api.get().url().resolve("/api/health"));
 *     ...
 *   }
 * }
 * }</pre>
 */
public final class RunwayExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunwayExtension.class);

  /** For {@code @ExtendWith(RunwayExtension.class)}; {@link Sandbox @Sandbox} registers it by itself. */
  public RunwayExtension() {}

  /**
   * A resource this extension starts with {@code starter} and closes; register it with
   * {@code @RegisterExtension}. Nothing starts until JUnit runs the class (or, on an instance field,
   * each test).
   */
  public static <T extends AutoCloseable> Resource<T> start(Starter<T> starter) {
    return new Resource<>(Objects.requireNonNull(starter, "starter"));
  }

  /** Makes the resource; may throw whatever starting it throws. */
  @FunctionalInterface
  public interface Starter<T extends AutoCloseable> {
    T start() throws Exception;
  }

  /** The {@link Sandbox @Sandbox} fields of one test class and their values. */
  private record Managed(List<Field> fields, List<AutoCloseable> values) {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Class<?> testClass = context.getRequiredTestClass();
    List<Field> fields = sandboxFields(testClass);
    if (fields.isEmpty()) return;
    Managed managed = new Managed(new ArrayList<>(), new ArrayList<>());
    context.getStore(NAMESPACE).put(testClass, managed);
    for (Field field : fields) {
      AutoCloseable value = (AutoCloseable) field.get(null);
      if (value == null) {
        if (Modifier.isFinal(field.getModifiers())) {
          throw new ExtensionConfigurationException(describe(field) + ": is final and null; assign it or drop 'final'"
              + " so that RunwayExtension can start it");
        }
        value = startThroughStaticStart(field);
        field.set(null, value);
      }
      managed.fields().add(field);
      managed.values().add(value);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    Class<?> testClass = context.getRequiredTestClass();
    Managed managed = context.getStore(NAMESPACE).remove(testClass, Managed.class);
    if (managed == null) return;
    List<AutoCloseable> reversed = new ArrayList<>(managed.values());
    Collections.reverse(reversed);
    try {
      closeAll(reversed);
    } finally {
      for (Field field : managed.fields()) {
        if (!Modifier.isFinal(field.getModifiers())) field.set(null, null);
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return !matching(parameter, context).isEmpty();
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    List<Integer> found = matching(parameter, context);
    Managed managed = managed(context);
    if (managed == null || found.isEmpty()) {
      throw new ParameterResolutionException("RunwayExtension: parameter '" + parameter.getParameter().getName()
          + "': no @Sandbox field of its type is started");
    }
    if (found.size() > 1) {
      List<String> names = found.stream().map(i -> managed.fields().get(i).getName()).toList();
      throw new ParameterResolutionException("RunwayExtension: parameter '" + parameter.getParameter().getName()
          + "' of type " + parameter.getParameter().getType().getSimpleName() + ": matches " + found.size()
          + " @Sandbox fields (" + String.join(", ", names) + "); read the field you mean instead");
    }
    return managed.values().get(found.get(0));
  }

  private static List<Integer> matching(ParameterContext parameter, ExtensionContext context) {
    Managed managed = managed(context);
    if (managed == null) return List.of();
    Class<?> type = parameter.getParameter().getType();
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < managed.values().size(); i++) {
      if (type.isInstance(managed.values().get(i)) && type != Object.class && type != AutoCloseable.class) found.add(i);
    }
    return found;
  }

  /** The managed fields of the innermost test class that has some (nested classes see their outer class's). */
  private static @Nullable Managed managed(ExtensionContext context) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      if (c.getTestClass().isEmpty()) continue;
      Managed m = c.getStore(NAMESPACE).get(c.getRequiredTestClass(), Managed.class);
      if (m != null) return m;
    }
    return null;
  }

  private static List<Field> sandboxFields(Class<?> testClass) {
    List<Field> out = new ArrayList<>();
    List<Class<?>> hierarchy = new ArrayList<>();
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) hierarchy.add(0, c);
    for (Class<?> c : hierarchy) {
      for (Field field : c.getDeclaredFields()) {
        if (!field.isAnnotationPresent(Sandbox.class)) continue;
        if (!Modifier.isStatic(field.getModifiers())) {
          throw new ExtensionConfigurationException(describe(field) + ": @Sandbox fields must be static (one per test"
              + " class); declare it 'static', or use @RegisterExtension RunwayExtension.start(...) for one per test");
        }
        if (!AutoCloseable.class.isAssignableFrom(field.getType())) {
          throw new ExtensionConfigurationException(describe(field) + ": is a " + field.getType().getSimpleName()
              + ", not an AutoCloseable; @Sandbox manages sandboxes and simulations only");
        }
        field.setAccessible(true);
        out.add(field);
      }
    }
    return out;
  }

  private static AutoCloseable startThroughStaticStart(Field field) throws Exception {
    Class<?> type = field.getType();
    Method start;
    try {
      start = type.getMethod("start");
    } catch (NoSuchMethodException e) {
      start = null;
    } catch (LinkageError e) {   // a type in one of its methods' signatures is missing
      throw cannotStart(field, e);
    }
    if (start == null || !Modifier.isStatic(start.getModifiers()) || !type.isAssignableFrom(start.getReturnType())) {
      throw new ExtensionConfigurationException(describe(field) + ": " + type.getSimpleName() + " has no public static"
          + " start() method; " + howToStart(field));
    }
    start.trySetAccessible();   // a package-private type of the user's tests
    try {
      return (AutoCloseable) start.invoke(null);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LinkageError linkage) throw cannotStart(field, linkage);
      if (cause instanceof Exception ex) throw ex;
      if (cause instanceof Error err) throw err;
      throw e;
    }
  }

  /** Runway's sandbox types that start themselves, with the artifact that has each. */
  private static final String STARTABLE = "RenderSandbox (dev.runway:runway-render), VercelSandbox"
      + " (dev.runway:runway-vercel) or SupabaseSandbox (dev.runway:runway-supabase)";

  /** The fix for a field whose type cannot start itself: the exact code to write. */
  private static String howToStart(Field field) {
    Class<?> type = field.getType();
    String name = field.getName();
    switch (type.getName()) {
      case "dev.runway.dockersim.ProcessSimulation":
        return "it needs a model and a service, so start it with a lambda: @RegisterExtension static final"
            + " RunwayExtension.Resource<ProcessSimulation> " + name + " = RunwayExtension.start(() ->"
            + " DockerSim.process(Runway.load(Path.of(\"runway.conf\")), \"api\").port(0).start());";
      case "dev.runway.health.HealthServer":
        return "it needs a registry, so assign the field yourself (@Sandbox static HealthServer " + name
            + " = HealthServer.start(registry, Health.options().port(0).build());)";
      default:
        String assign = "assign the field yourself (@Sandbox static " + type.getSimpleName() + " " + name + " = ...;)";
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
          return "declare it as a sandbox type that starts itself, " + STARTABLE + ", or " + assign;
        }
        return assign;
    }
  }

  private static ExtensionConfigurationException cannotStart(Field field, LinkageError e) {
    String type = field.getType().getSimpleName();
    return new ExtensionConfigurationException(describe(field) + ": cannot start " + type + ": class " + missingClass(e)
        + " is not on the test class path; " + addModule(missingClass(e), field.getType()), e);
  }

  /** {@code dev.runway.base.Secret} from a NoClassDefFoundError's {@code dev/runway/base/Secret}. */
  private static String missingClass(LinkageError e) {
    String message = e.getMessage() == null ? "(unknown)" : e.getMessage();
    if (e instanceof NoClassDefFoundError && message.startsWith("Could not initialize class ")) {
      return message.substring("Could not initialize class ".length());
    }
    return message.replace('/', '.');
  }

  /** The sentence that says which artifact to add for a missing class, and what brings it. */
  private static String addModule(String missing, Class<?> owner) {
    String artifact = artifactOf(missing);
    String add = artifact == null ? "add the library that provides it to your test dependencies"
        : "add " + artifact + " to your test dependencies";
    String ownerArtifact = artifactOf(owner.getName());
    if (ownerArtifact == null || ownerArtifact.equals(artifact)) return add;
    return add + " (" + owner.getSimpleName() + " is in " + ownerArtifact + ": depend on it through Maven or Gradle"
        + " and what it needs comes with it)";
  }

  /** The Runway artifact holding a class, from its package (one package root per module), or null. */
  static @Nullable String artifactOf(String className) {
    if (!className.startsWith("dev.runway.")) return null;
    String rest = className.substring("dev.runway.".length());
    int dot = rest.indexOf('.');
    if (dot < 0) return "dev.runway:runway-core";   // dev.runway.Runway, App, Service
    String area = rest.substring(0, dot);
    return switch (area) {
      case "env", "platform", "assertj", "internal" -> "dev.runway:runway-core";
      case "dockersim" -> "dev.runway:runway-docker-sim";
      case "junit" -> "dev.runway:runway-test";
      default -> "dev.runway:runway-" + area;
    };
  }

  private static String describe(Field field) {
    return "RunwayExtension: field " + field.getDeclaringClass().getSimpleName() + "." + field.getName();
  }

  /** Closes each, keeping the first failure and suppressing the rest into it. */
  static void closeAll(List<? extends AutoCloseable> resources) throws Exception {
    Exception first = null;
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        if (first == null) first = e;
        else first.addSuppressed(e);
      }
    }
    if (first != null) throw first;
  }

  /**
   * One resource started by a {@link Starter}: for the class when registered on a static field, for
   * each test when on an instance field. {@link #get()} reads it inside tests and lifecycle methods;
   * parameters of its type receive it. Thread-safe.
   */
  public static final class Resource<T extends AutoCloseable>
      implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final Starter<T> starter;
    private volatile @Nullable T value;
    /** The unique id of the class context that started it, when it lives for a class. */
    private volatile @Nullable String startedBy;

    private Resource(Starter<T> starter) {
      this.starter = starter;
    }

    /**
     * The started resource.
     *
     * @throws IllegalStateException outside a test class's run (before the first test, after the last)
     */
    public T get() {
      T v = value;
      if (v == null) {
        throw new IllegalStateException("RunwayExtension: resource: not started; register it with @RegisterExtension"
            + " and read it inside a test or a lifecycle method");
      }
      return v;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
      if (value != null) return;   // a nested class sees its outer class's resource
      value = starter.start();
      startedBy = context.getUniqueId();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
      if (value == null) value = starter.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
      if (startedBy == null) closeNow();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
      if (context.getUniqueId().equals(startedBy)) closeNow();
    }

    private void closeNow() throws Exception {
      T v = value;
      value = null;
      startedBy = null;
      if (v != null) v.close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      return value != null && type != Object.class && type != AutoCloseable.class && type.isInstance(value);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return get();
    }

    @Override
    public String toString() {
      T v = value;
      return "RunwayExtension.Resource[" + (v == null ? "not started" : v.toString()) + "]";
    }
  }
}
