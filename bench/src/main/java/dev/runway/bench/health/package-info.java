/** Load-harness servers for the health benchmark (bench/health-load.sh); never run by the test suite. */
@NullMarked
package dev.runway.bench.health;

import org.jspecify.annotations.NullMarked;
