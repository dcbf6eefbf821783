/**
 * Negotiation of a connection's cipher, FEC scheme and congestion control (docs/PROTOCOL.md section 12): the
 * client's offer from its registry and allow-list, the server's choice by its own preference, and errors that
 * name the module to add.
 */
package io.uxp.runtime.negotiation;
