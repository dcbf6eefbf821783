/**
 * Observability: the periodic SLF4J status lines and the optional HTTP endpoint serving {@code /status} (JSON)
 * and {@code /metrics} (Prometheus text).
 */
package io.uxp.runtime.status;
