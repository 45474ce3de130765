#!/usr/bin/python3
"""Writes which CSS and XPath expressions the real parsel accepts.

Run with Debian's python3 (it has python3-parsel):
    /usr/bin/python3 processor/src/test/python/selector_validity.py \
        > processor/src/test/resources/selector-validity.jsonl

Each output line is {"type": "css"|"xpath", "expression": ..., "valid": bool, "error": ...}.
"valid" means parsel evaluated the expression on a small page without raising, which is what a
host does with a selector_request. The processor's compile-time checks are tested against it.
"""
import json
import sys

import parsel

PAGE = """<html lang="en"><head><title>T</title></head><body>
<div id="main" class="a b"><h1>Title</h1><p class="price">10</p><p>two</p>
<a href="/x.pdf" class="x y" rel="nofollow" data-x="1" lang="en-US" title="t">link</a>
<ul><li>1</li><li>2</li><li>3</li></ul>
<form name="login"><input name="u" checked disabled><input name="v"></form>
<svg><rect width="1"/></svg><!-- c --><?pi x?>
</div></body></html>"""

CSS = r"""
h1
h1::text
a::attr(href)
*::text
::text
article h3 a::attr(href)
li.next a::attr(href)
div > p
div + p
div ~ p
div>p
a[href]
a[href="x"]
a[href='x']
a[href=x]
a[href^=http]
a[href$='.pdf']
a[href*=foo]
a[rel~=nofollow]
a[lang|=en]
a[href!=x]
a[ href ]
a[ href = "x" ]
a[data-x="a b"]
a[href=x i]
a[href="unterminated]
a[href=]
a[
a]
a[1=x]
#main
#1
.a.b
.1a
-a
--a
_a
a-b
div, p
div,p
div::text, p::text
p,
,p
div >
> p
+ p
p..x
#
.
*
*|a
svg|rect
|a
a|
p:first-child
p:last-child
p:nth-child(2n+1)
p:nth-child(odd)
p:nth-child(even)
p:nth-child(-n+3)
p:nth-child(3n-1)
p:nth-child(+5)
p:nth-child( 2n + 1 )
p:nth-child(n)
p:nth-child(foo)
p:nth-child()
p:nth-child
p:nth-of-type(2)
li:nth-last-child(1)
li:nth-last-of-type(1)
p:not(.x)
p:not(a b)
p:not(p::text)
p:not()
div:has(> p)
div:has(p)
div:has()
div:has(+ p)
p:contains("x")
p:contains(x)
p:contains()
p:contains('a', 'b')
p:empty
input:checked
a:link
a:visited
a:hover
a:active
a:focus
a:target
input:disabled
input:enabled
html:root
:root
p:only-child
p:only-of-type
p:first-of-type
p:last-of-type
*:first-of-type
*:last-of-type
*:only-of-type
*:nth-of-type(1)
:first-child
p:lang(en)
p:lang()
:is(h1, h2)::text
:is(h1, h2)
:where(h1)
:scope
p:scope
:scope > p
p:eq(1)
p:gt(1)
p:lt(1)
p:matches(x)
p:matchesOwn(x)
p:containsOwn(x)
p:containsData(x)
p:matchText
p:has-text(x)
p:selected
p:unknown
p::before
p::after
p::first-line
p:first-line
p:text
p:attr(href)
p::attr()
p::attr(1)
p::attr(a b)
p::attr(data-x)
p::attr( href )
p::attr(href
p::attr('href')
p::attr("href")
p::attr(xml:lang)
p::text(x)
p::text::text
p::attr(href)::text
p::text p
a::attr(href) b
a::text, b
a::TEXT
a::Attr(href)
a::ATTR(href)
p:FIRST-CHILD
P
p : first-child
p :first-child
p# x
p#id.cls[x]:first-child::attr(x)
d\:iv
[a="b\"c"]
a!
a@
a/b
a||b
a$
a%
a[href=x]::attr(href)
div::text > p
h1 ::text
h1::text 
 h1
a:not(:has(p))
a:nth-child(2n+1 of p)
a:-webkit-any(p)
a::-moz-selection
a:nth-child(0n+0)
a:nth-last-child(-2n-1)
p:nth-child(2n + -1)
p:nth-child(n+)
:is(h1,h2)
:is(h1 ,h2)
:is(h1, h2, h3)
:is(h1,  h2)
:where(h1,h2)
:where(h1, h2)
:is()
:is(h1
:is(p::text)
:is(p a)
:is(.x, #main)
:matches(h1, h2)
div :scope
p, :scope
 :scope
:SCOPE > p
:scope:first-child
:not(:not(p))
p:not( .x)
p:not(.x )
p:not(*)
p:not([href])
p:not(:first-child)
p:not(#main)
div:has(p a)
div:has([href])
div:has(#x)
div:has(.x)
div:has(~ p)
div:has(- p)
div:has(p, a)
div:has('p')
div:has(*)
div:has( p )
div:has(p.x)
re|a
xml|a
a[xml|lang]
a[svg|href]
a[*|href]
a[*]
a[|href]
a[href|=en]
a[href |= en]
a[href^ =x]
a[href=x][title]
a[href=1]
a[href="x"
a[href="x\ny"]
p:first_child
p:nth_child(1)
.x:first-of-type
[href]:first-of-type
p.x:first-of-type
*|p:first-of-type
p:nth-child(ODD)
p:nth-child("1")
p:nth-child(- n+1)
p:nth-child(-n)
p:nth-child(+n)
p:nth-child(2N+1)
p:nth-child(2n+1.5)
p:nth-child(1.5)
p:nth-child(-)
p:contains(1)
p:contains("a b")
p:lang("en")
p:lang(en us)
p /* c */ a
p/* unterminated
/* c */p
\31 23
p\:x
#a\ b
a:NOT(.x)
p:Has(a)
h1::TeXt
h1::text,
h1::text , p
p ::attr(href)
a[href]::attr(href)
p:first-letter
p:before
p::first-letter
p::text()
p::attr(href, x)
p::attr(href)x
p::attr(href) 
p::
p:
p:::text
p::attr
p::-text
p:nth-child(1)::text
p:contains('x')::text
p::text:first-child
h1:root
h1:empty::text
'h1'
"h1"
h1 'x'
h1#x#y
h1.x.y.z
h1[a][b]
h1 > > p
h1 >> p
h1 ~ ~ p
h1,,p
h1 , p
h1	p
p:is(h1)
é
p.é
#é
a[é=x]
:first-child:last-child
p:nth-of-type(1)
p:nth-last-of-type(1)
:nth-child(2)
:contains(x)
a::attr(href)
a:has(b):first-of-type
a:has(> b):first-of-type
a:has(~ b):last-of-type
a:has(+ b):first-of-type
a:has(b) p
"""

XPATH = r"""
//h1/text()
//p[@class='price']/text()
//a/@href
.//a
//div[contains(@class,'x')]
//li[position()<3]
//a[re:test(@href, '\.pdf$')]
//a[re:match(@href, 'x')]
re:replace(//a/@href, 'x', 'g', 'y')
//a[re:unknown(@href)]
//a[has-class('x')]
//a[has-class('x', 'y')]
//a[has-class()]
//a[has-class(1)]
set:distinct(//a)
set:has-same-node(//a, //a)
set:unknown(//a)
//a[str:tokenize(.)]
//a[math:max(1)]
//a[dyn:evaluate('x')]
//a[exslt:foo()]
//a[starts-with(@href,'http')]
normalize-space(//title)
count(//a)
string(//h1)
//a[last()]
//a[1]
(//a)[1]
//*[local-name()='svg']
//a | //h1
//a|//h1
//svg:rect
//a[foo()]
//a[foo:bar()]
//a[$x]
$x
//a[
///a
//a]
//@
//text()
//comment()
//node()
//processing-instruction()
//processing-instruction('pi')
ancestor::div
//p/ancestor::div
following-sibling::p[1]
//h1/following-sibling::p[1]
//p/preceding-sibling::*
//a/self::a
//a/attribute::href
//a/child::text()
//a/descendant-or-self::node()
//a/namespace::*
//a/bogus::node()
//a[@href and @title]
//a[@href or @title]
//a[not(@href)]
substring-before(//a/@href, '?')
substring-after(//a/@href, '/')
substring(//h1, 1, 2)
//a[translate(@href,'a','b')]
//a[ends-with(@href,'x')]
lower-case(//a)
upper-case(//a)
//a[matches(@href,'y')]
//a[fn:contains(@href, 'x')]
//@xml:lang
//*[@xml:lang]
id('main')
//a[lang('en')]
escape-uri(//a/@href, true())
//a[@href = "x"]
//a[text()="x"]
//div//p
//div/..
.
..
/
/html
//a[position() mod 2 = 0]
1 + 1
//a div 2
2 * 3
//a[@x!=1]
//a[@x>=1]
//a[@x<=1]
//a[-1]
//*[@id='main']
//a/@*
//a[contains(text(), "it's")]
//a[contains(text(), 'it"s')]
//a[contains(text(), 'it's')]
//a[boolean(@x)]
sum(//li)
//a[number(.)>1]
//a[round(1.5)]
//a[floor(1)]
//a[ceiling(1)]
concat('a','b')
concat('a')
//a[string-length()>0]
//a[string-length(., 1)]
//a[contains(@href)]
//a[count()]
//a[true()]
//a[false()]
name(//a)
namespace-uri(//a)
//a[position()=last()]
//a[generate-id()]
//a[current()]
//a[document('x')]
//a[key('a','b')]
//a[format-number(1,'0')]
//a[unparsed-entity-uri('x')]
//a[system-property('x')]
//a[element-available('x')]
//a[function-available('x')]
//h1[text()]
//h1 [1]
// h1
//h1/ text()
//*
*
@href
//a/@href/..
//a[.='link']
//a[. = 'link']
//a[@href][1]
//a[1][@href]
//a[(1)]
(//a)
()
//a[]
//a[@]
//a/@@href
//a//
//a/
a/b/c
//a[text()='x' and @href]
//a[@href='x' or 1]
//a[contains(., 'x') = true()]
//li[. > 1]
//li[. < 3]
//li[.<3]
//*[starts-with(name(), 'h')]
//a[@data-x]
//a[@data-x='1']
//a[@*]
//a[@*[1]]
//svg/*[name()='rect']
//*[name()='rect']/@width
//a/text()[1]
//text()[normalize-space()]
//text()[normalize-space(.)!='']
//p[1]/following::*
//p/preceding::*[1]
//a[re:test(@href, 'x', 'i')]
//a[re:test()]
//A
//a[@HREF]
ancestor-or-self::*
//-a
//a-b
//a.b
//a_b
//_a
//1a
//a[@1]
//π
'string'
"string"
'unterminated
1
-1
1.5
.5
1.
//a[.5]
//a[1.]
//a!
//a#
//a$
//a&
//a;
//a{
//a\b
//a[@href="x"]/text() | //a[@href="y"]
//a[@href=//a/@href]
//a[count(ancestor::*) > 1]
//a[ancestor::div[@id='main']]
//a[@href][@class][1]/text()
//a[has-class(@x)]
//a[has-class("x")]
//a[has-class(concat('a', 'b'))]
//a[re:match(@href)]
//a[re:match(@href,'a','g','x')]
re:replace(//a,'x')
set:difference(//a)
set:leading(//a, //h1)
set:trailing(//a, //h1)
set:intersection(//a, //h1)
set:difference(//a, //h1)
set:distinct()
//a[RE:test(@href,'x')]
//xml:a
//re:a
//a/@re:x
//a[@href = $var]
//a[text() = "x" ]
//a[ 1 ]
//a or //h1
//a and
//node()[self::a]
child::a
-//a
--1
//a[--1]
//a[1--1]
1 - -1
//a//@*
//@*
@*
///@a
////a
//a///b
//a[has-class('x') and @href]
has-class('x')
//a[re:test(., 'a|b')]
//*[re:test(local-name(), 'h\d')]
//a[@href ! = 'x']
//a[@href =! 'x']
//a[@href => 'x']
//a[@x > = 1]
//a[. == 1]
//a[@x<>1]
//a[@x mod]
//div[mod]
//div/div
//and
//or/and
//div[and]
//a[text()='“smart”']
//a[contains(., "é")]
//a[.//text()]
//processing-instruction(pi)
//text(1)
//node('x')
//comment ()
//a[last ()]
//a[normalize-space ( ) ]
//a[@*='x']
//a:b
//a:*
//*:a
//a[@a:*]
//re:*
//@xml:*
//a[name()!='b']
//a[true() = false()]
string()
//a[string(.)]
//a[sum(.)]
//a[id('x')]
//a[count(.)]
//a[position(1)]
//a[last(1)]
//a[not()]
//a[not(1,2)]
//a[translate('a','b')]
//a[substring('a')]
//a[substring('a',1,2,3)]
//a[concat('a','b','c','d')]
//a[round()]
//a[lang()]
//a[id()]
//a[local-name(.,.)]
//a[name(.)]
//a[normalize-space(.,.)]
//a[string-length('a','b')]
//a[starts-with('a')]
//a[boolean()]
//a[number()]
//a[number(1,2)]
//a[floor()]
//a[sum()]
//a[true(1)]
//a[substring-before('a')]
//a[contains('a','b','c')]
//a/text
//a/node
//a/comment
//text
//a[@class = 'x y']/@href
//a[@href][position()=1]
//a[contains(@class, 'x')][1]/text()
//ul/li[last()-1]
//ul/li[position() > 1 and position() < 3]
//div[@id='main']//p[2]
//h1 | //p | //a
(//h1 | //p)[1]
//h1/text() | //p/text()
//a[@href]/@href | //a[@title]/@title
"""


def check(kind, expr):
    sel = parsel.Selector(text=PAGE)
    try:
        result = sel.css(expr) if kind == "css" else sel.xpath(expr)
        result.getall()
        return True, None
    except Exception as e:  # the host would fail the same way
        return False, type(e).__name__ + ": " + str(e).splitlines()[0] if str(e) else type(e).__name__


def main():
    out = sys.stdout
    for kind, block in (("css", CSS), ("xpath", XPATH)):
        seen = set()
        for line in block.split("\n")[1:-1]:
            if line in seen:
                continue
            seen.add(line)
            valid, error = check(kind, line)
            out.write(json.dumps({"type": kind, "expression": line, "valid": valid, "error": error},
                                 ensure_ascii=False) + "\n")
    # the empty and blank expressions, which a text block cannot hold
    for kind in ("css", "xpath"):
        for expr in ("", " "):
            valid, error = check(kind, expr)
            out.write(json.dumps({"type": kind, "expression": expr, "valid": valid, "error": error}) + "\n")


if __name__ == "__main__":
    main()
