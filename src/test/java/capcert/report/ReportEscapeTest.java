package capcert.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportEscapeTest {

    @Test
    void htmlEscapesMarkupQuotesAndControlCharacters() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;&amp;&#39;y&#39;)&lt;/script&gt;",
                HtmlReport.escape("<script>alert(\"x\"&'y')</script>"));
        assertEquals("a\\x0ab\\u202ec", HtmlReport.escape("a\nb\u202ec"));
    }

    @Test
    void markdownEscapesMarkupLinksAndTablePipes() {
        assertEquals("\\<script\\>alert(1)\\</script\\> \\[x\\](http://e) a\\|b \\*c\\*",
                MarkdownReport.escape("<script>alert(1)</script> [x](http://e) a|b *c*"));
        // Only what Markdown reads as markup: a suite name, a frame in brackets, an email stay as they are.
        assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (frame 16) a.b@c.d #1 x-y",
                MarkdownReport.escape("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (frame 16) a.b@c.d #1 x-y"));
        assertEquals("\\_init\\_ snake_case \\&amp; & \\~\\~", MarkdownReport.escape("_init_ snake_case &amp; & ~~"));
        assertEquals("a\\\\x0ab", MarkdownReport.escape("a\nb")); // Markdown shows a\x0ab
    }
}
