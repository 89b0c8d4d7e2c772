-- 0004_article_dates: where an article's publication time came from, and
-- which articles are only a teaser of the story.
--
-- date_source is one of json-ld, meta, markup, text, url, selector, feed;
-- rejected_future when every date the page gave was later than the fetch
-- (published_at is then NULL); '' when the page gave none or the article
-- was stored before this migration. date_inferred is 1 when the page
-- stated no UTC offset and the source's time zone (else UTC) was assumed.
-- truncated is 1 when the page showed only a teaser (paywall, JavaScript)
-- and the text is the JSON-LD articleBody or the feed's description.
ALTER TABLE articles ADD COLUMN date_source TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN date_inferred INTEGER NOT NULL DEFAULT 0 CHECK (date_inferred IN (0, 1));
ALTER TABLE articles ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1));
