package org.leadtocash.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port with the real engine and in-memory H2, demo users present, job executor
 * off. Every test class with this annotation shares one Spring context; call {@link TestData#reset()} before each test.
 * camunda-bpm-assert and {@link ProcessTests} work on this context's engine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@ExtendWith(ProcessTests.class)
public @interface AppTest {
}
