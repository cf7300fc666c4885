package dev.latentmpc.controller.service;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests over a fresh {@link ServiceFixture} each: made before each test (before the subclass's own
 * set-up), closed after it.
 */
abstract class ServiceFixtureTest {
  /** This test's service; a test may close it and assign another, which is then closed. */
  ServiceFixture fixture;

  /** The fixture each test starts with; override for other ground truth or limits. */
  ServiceFixture newFixture() throws IOException {
    return new ServiceFixture();
  }

  @BeforeEach
  void startFixture() throws Exception {
    fixture = newFixture();
  }

  @AfterEach
  void closeFixture() throws Exception {
    fixture.close();
  }
}
