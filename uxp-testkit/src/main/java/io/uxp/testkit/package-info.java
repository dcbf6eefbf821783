/** Test support shared by UXP's modules: {@link io.uxp.testkit.LinkSimulator}, a seeded virtual-time link. */
package io.uxp.testkit;
