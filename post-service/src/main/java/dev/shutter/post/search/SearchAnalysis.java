package dev.shutter.post.search;

import io.quarkus.hibernate.search.standalone.elasticsearch.SearchExtension;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurationContext;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurer;

/**
 * The analyzers of user search, declared here so the index is created with them. Prefixes are
 * indexed as edge n-grams (a prefix query becomes a term lookup, fast at any size); both sides
 * fold case and accents, so {@code jose} finds {@code José}.
 */
@SearchExtension
public class SearchAnalysis implements ElasticsearchAnalysisConfigurer {

    /** Every prefix of the whole username ({@code jose.alvarez}: j, jo, …). */
    static final String USERNAME_PREFIX = "username_prefix";
    /** Every prefix of each word of a display name. */
    static final String WORD_PREFIX = "word_prefix";
    /** What someone typed: words, case and accents folded, no n-grams. */
    static final String QUERY = "prefix_query";

    private static final String PREFIXES = "prefixes";
    static final int MAX_PREFIX = 30;

    @Override
    public void configure(ElasticsearchAnalysisConfigurationContext context) {
        context.tokenFilter(PREFIXES).type("edge_ngram").param("min_gram", 1).param("max_gram", MAX_PREFIX);
        context.analyzer(USERNAME_PREFIX).custom().tokenizer("keyword").tokenFilters("lowercase", "asciifolding", PREFIXES);
        context.analyzer(WORD_PREFIX).custom().tokenizer("standard").tokenFilters("lowercase", "asciifolding", PREFIXES);
        context.analyzer(QUERY).custom().tokenizer("standard").tokenFilters("lowercase", "asciifolding");
    }
}
