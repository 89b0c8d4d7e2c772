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

// para is one paragraph of body text with its weight and the weight of its
// link text.
type para struct {
	text  string
	w     int
	linkW int
}

// collector gathers the paragraphs under a container node.
type collector struct {
	paras []para
	buf   strings.Builder // loose text since the last block boundary
	link  strings.Builder // link text within buf
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
func (c *collector) add(text, link string, tag atom.Atom) {
	if text == "" || isBoilerplate(text) {
		return
	}
	w, lw := weight(text), weight(link)
	switch tag {
	case atom.Li, atom.Dt, atom.Dd:
		if 2*lw >= w {
			return // a list of links: related stories, tags
		}
	default:
		if lw*5 >= w*4 && w < 30 {
			return // a short paragraph that is only a link
		}
	}
	c.paras = append(c.paras, para{text: text, w: w, linkW: lw})
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
