package dev.incidentbot.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every test of the class twice, once on H2 and once on PostgreSQL (shown as [h2] and [postgresql]); the class
 * takes a {@link TestStore} in its constructor or in a lifecycle method. {@code -Dincidentbot.stores=postgresql}
 * (or h2) runs one of them only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ClassTemplate
@ExtendWith(BothStoresExtension.class)
public @interface BothStores {
}
