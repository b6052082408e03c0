package dev.incidentbot.web.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;

/**
 * The JTE templates of src/main/jte, compiled to classes at build time (jte-maven-plugin) in HTML mode: every
 * {@code ${value}} is escaped for where it stands (text or attribute); nothing compiles at run time.
 */
public final class Templates {
    static final String PACKAGE = "dev.incidentbot.web.pages.templates";
    private final TemplateEngine engine;

    public Templates() {
        engine = TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);
    }

    /** Renders {@code name} (e.g. "list.jte") with its one parameter, as UTF-8 bytes. */
    public byte[] render(String name, Object model) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(name, model, out);
        return out.toByteArray();
    }
}
