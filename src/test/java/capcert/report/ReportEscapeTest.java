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
        assertEquals("&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(http://e\\) a\\|b \\*c\\*",
                MarkdownReport.escape("<script>alert(1)</script> [x](http://e) a|b *c*"));
        assertEquals("a\\\\x0ab", MarkdownReport.escape("a\nb")); // Markdown shows a\x0ab
    }
}
