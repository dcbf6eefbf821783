/**
 * Checks a cipher provider's author runs in their own tests (docs/SPI.md): {@link CipherContract#check},
 * {@link CipherVectors#check} and {@link CipherAllocation#sealAndOpen}.
 */
package io.uxp.provider.checks;
