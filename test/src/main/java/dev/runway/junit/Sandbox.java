package dev.runway.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a static field holding an {@link AutoCloseable} — a {@code RenderSandbox}, a
 * {@code VercelSandbox}, a {@code ProcessSimulation} — that {@link RunwayExtension} manages for the
 * test class: when the field is {@code null} the extension starts one through the type's public
 * static no-argument {@code start()} method and assigns it; either way it closes the value after the
 * class's last test and resolves test and lifecycle method parameters of its type. Registers
 * {@link RunwayExtension} by itself.
 *
 * <pre>{@code
 * @Sandbox static RenderSandbox render;                                   // RenderSandbox.start()
 * @Sandbox static RenderSandbox slow = RenderSandbox.builder().buildTime(ofSeconds(1)).start();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@ExtendWith(RunwayExtension.class)
public @interface Sandbox {}
