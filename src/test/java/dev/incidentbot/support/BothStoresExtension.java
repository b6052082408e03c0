package dev.incidentbot.support;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** One invocation of a {@link BothStores} class per store, each resolving {@link TestStore} parameters to its store. */
public final class BothStoresExtension implements ClassTemplateInvocationContextProvider {

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
        return selected().stream().map(BothStoresExtension::on);
    }

    /** Both stores, unless -Dincidentbot.stores names some (comma-separated). */
    static List<TestStore> selected() {
        String wanted = System.getProperty("incidentbot.stores", "").trim();
        if (wanted.isEmpty()) {
            return List.of(TestStore.values());
        }
        return Arrays.stream(wanted.split(",")).map(s -> TestStore.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList();
    }

    private static ClassTemplateInvocationContext on(TestStore store) {
        return new ClassTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + store + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new ParameterResolver() {
                    @Override
                    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
                        return p.getParameter().getType() == TestStore.class;
                    }

                    @Override
                    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
                        return store;
                    }
                });
            }
        };
    }
}
