package scraper

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// paragraphTags are elements whose whole text is one paragraph of a body.
var paragraphTags = map[atom.Atom]bool{
	atom.P: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Blockquote: true, atom.Pre: true, atom.Dt: true, atom.Dd: true,
	atom.Tr: true,
}

// inlineTags are elements that flow inside a line of text.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true,
	atom.I: true, atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true,
	atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strong: true, atom.Sub: true,
	atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true, atom.Font: true,
	atom.Wbr: true, atom.Ins: true, atom.Del: true, atom.Label: true, atom.Img: true,
}

// minLooseWeight is the least weight of text that sits outside any
// paragraph element (e.g. lines split by <br>) for it to count as a
// paragraph; shorter runs are usually datelines and labels.
const minLooseWeight = 8

// minHeadlineWeight is the least weight of a block of link text that reads
// as a headline (a story link) rather than a menu entry such as "Home".
const minHeadlineWeight = 4

// headingTags are the subheading elements kept as paragraphs.
var headingTags = map[atom.Atom]bool{
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// para is one paragraph of body text with its weight and the weight of its
// link text.
type para struct {
	text    string
	w       int
	linkW   int
	heading bool
}

// collector gathers the paragraphs under a container node. It also records
// the shape of the text for pageShape: runs of paragraphs between blocks
// of headline links.
type collector struct {
	paras []para
	buf   strings.Builder // loose text since the last block boundary
	link  strings.Builder // link text within buf

	runW       int   // non-link weight of the current run of paragraphs
	runTeaser  bool  // the current run started right after headline links
	afterLinks bool  // the last block seen was headline links
	maxRun     int   // heaviest run
	teasers    []int // weights of the runs that follow headline links: teaser summaries
	headlines  int   // blocks of headline links
}

// collectParagraphs returns the story paragraphs under n, in document
// order, without boilerplate and link lists.
func collectParagraphs(n *html.Node) []para {
	var c collector
	c.walk(n, false)
	c.flush()
	return c.paras
}

func (c *collector) walk(n *html.Node, inLink bool) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			c.buf.WriteString(ch.Data)
			if inLink {
				c.link.WriteString(ch.Data)
			}
		case html.ElementNode:
			switch {
			case ch.DataAtom == atom.H1 || dropTags[ch.DataAtom]:
				c.flush()
			case ch.DataAtom == atom.Br:
				c.flush()
			case paragraphTags[ch.DataAtom]:
				c.flush()
				var text, link strings.Builder
				nodeText(ch, &text, &link, false)
				c.add(collapseSpace(text.String()), collapseSpace(link.String()), ch.DataAtom)
			case inlineTags[ch.DataAtom]:
				c.walk(ch, inLink || ch.DataAtom == atom.A)
			default:
				c.flush()
				c.walk(ch, inLink)
				c.flush()
			}
		}
	}
}

// flush turns pending loose text into a paragraph if it is long enough.
func (c *collector) flush() {
	if c.buf.Len() == 0 {
		return
	}
	text, link := collapseSpace(c.buf.String()), collapseSpace(c.link.String())
	c.buf.Reset()
	c.link.Reset()
	if weight(text) >= minLooseWeight {
		c.add(text, link, atom.Div)
	}
}

// add appends a paragraph unless it is empty, boilerplate or mostly links.
// A subheading followed straight away by a list of links ("Related
// stories", "Most read", "热门排行") is that list's caption and is dropped
// with it.
func (c *collector) add(text, link string, tag atom.Atom) {
	if text == "" || isBoilerplate(text) {
		return
	}
	w, lw := weight(text), weight(link)
	linky := false
	switch tag {
	case atom.Li, atom.Dt, atom.Dd:
		linky = 2*lw >= w // a list of links: related stories, tags
	default:
		linky = lw*5 >= w*4 && w < 30 // a short paragraph that is only a link
	}
	if linky {
		if n := len(c.paras); n > 0 && c.paras[n-1].heading {
			c.runW -= c.paras[n-1].w - c.paras[n-1].linkW
			c.paras = c.paras[:n-1]
		}
		if lw >= minHeadlineWeight {
			c.endRun()
			c.afterLinks = true
			c.headlines++
		}
		return
	}
	if c.runW == 0 {
		c.runTeaser = c.afterLinks
	}
	c.afterLinks = false
	c.runW += w - lw
	c.paras = append(c.paras, para{text: text, w: w, linkW: lw, heading: headingTags[tag]})
}

// endRun closes the current run of paragraphs.
func (c *collector) endRun() {
	if c.runW <= 0 {
		c.runW = 0
		return
	}
	c.maxRun = max(c.maxRun, c.runW)
	if c.runTeaser {
		c.teasers = append(c.teasers, c.runW)
	}
	c.runW = 0
}

// pageShape walks the text under n as collectParagraphs does and returns
// the weight of its heaviest run of paragraphs not broken by a block of
// headline links, the weights of the runs that start right after one (on a
// section front, the summary under each headline), and the number of such
// blocks.
func pageShape(n *html.Node) (maxRun int, teasers []int, headlines int) {
	var c collector
	c.walk(n, false)
	c.flush()
	c.endRun()
	return c.maxRun, c.teasers, c.headlines
}

// nodeText writes the text under n to text, and the part inside links also
// to link, with a space at element boundaries that break a line so that
// table cells and list items do not run together.
func nodeText(n *html.Node, text, link *strings.Builder, inLink bool) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			text.WriteString(ch.Data)
			if inLink {
				link.WriteString(ch.Data)
			}
		case html.ElementNode:
			if dropTags[ch.DataAtom] {
				continue
			}
			block := !inlineTags[ch.DataAtom]
			if block {
				text.WriteByte(' ')
			}
			nodeText(ch, text, link, inLink || ch.DataAtom == atom.A)
			if block {
				text.WriteByte(' ')
			}
		}
	}
}

// score is the weight of non-link text in paras.
func score(paras []para) int {
	s := 0
	for _, p := range paras {
		s += p.w - p.linkW
	}
	return s
}
