#!/usr/bin/python3
"""Writes parsel's answers for a corpus of (HTML, selector) cases as test data.

Run with Debian's python3 (it has python3-parsel 1.7; the pyenv python3 on PATH has not):

    /usr/bin/python3 host/src/test/conformance/gen_parsel.py

Output: host/src/test/resources/conformance/parsel-cases.json, and parsel-xml-cases.json for
the XML corpus (Selector(text=xml, type="xml"), what Scrapy uses for an XmlResponse). Every expected value in it comes
from the real parsel (Selector(text=html).css(q).getall() / .xpath(q).getall()); nothing is
written by hand. A case's "kind" says what parsel returned: "element" when any result is a
serialised node (element, comment, processing instruction), "value" for strings (text,
attributes, string/number/boolean results, or nothing), "error" when parsel raised.
"""

import json
import os
import sys

import cssselect
import lxml.etree
import parsel
from parsel import Selector

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "conformance", "parsel-cases.json")
OUT_XML = os.path.join(HERE, "..", "resources", "conformance", "parsel-xml-cases.json")

PRODUCT = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Acme Anvil &ndash; Shop</title>
  <link rel="canonical" href="https://shop.example/anvil">
  <script type="application/ld+json">{"@type": "Product", "name": "Anvil"}</script>
  <style>.price { color: red; }</style>
</head>
<body class="product page">
  <nav id="crumbs"><a href="/">Home</a> &rsaquo; <a href="/tools">Tools</a></nav>
  <div id="main" class="content">
    <h1 class="title">Acme Anvil</h1>
    <p class="price" data-currency="USD">$ 49.90</p>
    <p class="price old">$ 59.90</p>
    <ul class="tags">
      <li class="tag first"><a href="/t/heavy">heavy</a></li>
      <li class="tag"><a href="/t/iron">iron</a></li>
      <li class="tag last"><a href="/t/classic" rel="nofollow">classic</a></li>
    </ul>
    <div class="desc">A <b>very</b> heavy anvil.<br>Ships in <i>2&nbsp;days</i>.</div>
    <table id="specs">
      <tr><th>Weight</th><td>50 kg</td></tr>
      <tr><th>Material</th><td>Cast iron</td></tr>
      <tr class="odd"><th>Origin</th><td lang="fr">France</td></tr>
    </table>
    <form id="buy" action="/cart" method="post">
      <input type="hidden" name="sku" value="A-1">
      <input type="number" name="qty" value="1" disabled>
      <input type="checkbox" name="gift" checked>
      <select name="color"><option value="b">Black</option><option value="r" selected>Red</option></select>
      <button type="submit">Buy</button>
    </form>
    <!-- reviews below -->
    <div class="reviews">
      <div class="review" data-stars="5"><span class="author">Wile E.</span><p>Great!</p></div>
      <div class="review" data-stars="2"><span class="author">Road R.</span><p>Meep meep</p></div>
      <div class="review empty" data-stars="0"></div>
    </div>
  </div>
  <footer><p>&copy; 2024 Acme &amp; Co.</p></footer>
</body>
</html>"""

LISTING = """<html><body>
<div class="results">
  <article class="item" id="i1"><h2><a href="/p/1">First</a></h2><span class="n">10</span></article>
  <article class="item featured" id="i2"><h2><a href="/p/2">Second</a></h2><span class="n">2.5</span></article>
  <article class="item" id="i3"><h2><a href="/p/3?x=1&amp;y=2">Third &amp; last</a></h2><span class="n">x</span></article>
</div>
<div class="pager"><a href="?page=1">1</a><a class="next" href="?page=2">next &raquo;</a></div>
</body></html>"""

CASES = []


def add(group, html, typ, query):
    CASES.append({"group": group, "html": html, "type": typ, "query": query})


def css(group, html, *queries):
    for q in queries:
        add(group, html, "css", q)


def xpath(group, html, *queries):
    for q in queries:
        add(group, html, "xpath", q)


# --- CSS selectors -------------------------------------------------------------------------
css("css", PRODUCT,
    "h1", "h1::text", "H1.TITLE::text", "title::text", "p.price::text", ".price.old::text",
    "#main > h1", "#main h1::text", "div#main > p::attr(class)", "ul.tags li", "ul.tags > li > a",
    "li.tag a::attr(href)", "li a[rel]::text", "a[rel=nofollow]::attr(href)",
    "a[href^='/t/']::text", "a[href$=iron]::text", "a[href*=clas]::text", "li[class~=first] a::text",
    "[data-currency]::attr(data-currency)", "p[class|=price]::text", "li[class!=tag]::text",
    "li:first-child a::text", "li:last-child a::text", "li:nth-child(2) a::text",
    "li:nth-child(odd) a::text", "li:nth-child(2n) a::text", "li:nth-last-child(1)::attr(class)",
    "tr:nth-child(n+2) th::text", "tr:nth-of-type(3) td::text", "li:only-child",
    "p:first-of-type::text", "p:last-of-type::text", "li:not(.first) a::text", "div:not([class])",
    "h1 + p::text", "h1 ~ p::attr(class)", "th + td::text", "nav a:nth-child(2)::text",
    "div.desc::text", "div.desc *::text", "div.desc ::text", ".desc b", "div.desc br",
    "td:lang(fr)::text", "div.review:empty", "div.review span.author::text",
    "div.review[data-stars='5'] p::text", "option:checked::text", "input:checked::attr(name)",
    "input[disabled]::attr(name)", "a:link::text", "form::attr(action)", "script::text",
    "style::text", "link::attr(href)", "meta::attr(charset)", "footer p::text", "html::attr(lang)",
    "body::attr(class)", "*::text", "title, h1::text", "h1, title", "a:contains('iron')::text",
    "div:has(> h1)::attr(id)", "li:is(.first, .last) a::text", "p:where(.old)::text", ":root > head > title::text",
    "button::text", "select option::attr(value)")
css("css", LISTING,
    "article", "article.item h2 a::text", "article.featured::attr(id)", "span.n::text",
    "a.next::attr(href)", "a.next::text", ".pager a:not(.next)::attr(href)",
    "article:nth-child(3) a::attr(href)", "article h2 a::attr(href)", "#i3 ::text")
# cssselect errors and oddities
css("css-error", PRODUCT,
    "p!", "p >", "[", "p::foo", "p:nope", "p::attr()", "p:nth-child(x)", "a[href=]", "::text::text",
    "p:not(p:not(.a))", "*:first-of-type", "p:contains(a, b)", "'unclosed", "#1abc", ".1abc")

# --- XPath ---------------------------------------------------------------------------------
xpath("xpath", PRODUCT,
    "//h1/text()", "//title/text()", "string(//title)", "//p[@class='price']/text()",
    "//li/a/@href", "//li[2]/a/text()", "//li[last()]/a/text()", "//li[position() > 1]/a/text()",
    "count(//li)", "count(//tr)", "count(//div[@class='review'])", "sum(//div/@data-stars)",
    "sum(//div/@data-stars) div count(//div[@data-stars])", "normalize-space(//div[@class='desc'])",
    "//div[@class='desc']//text()", "//div[@class='desc']/node()", "//div[contains(@class, 'review')]/@data-stars",
    "//a[starts-with(@href, '/t/')]/text()", "//tr[th='Weight']/td/text()", "//th[.='Origin']/following-sibling::td/text()",
    "//td/preceding-sibling::th/text()", "//a[@rel]/ancestor::li/@class", "name(//*[@id='main'])",
    "local-name(//table)", "//comment()", "//body/comment()", "//script/text()", "//style/text()",
    "boolean(//form)", "boolean(//frameset)", "//form/@method = 'post'", "not(//h2)",
    "//h1/text() | //title/text()", "//li[1]/a/@href | //li[3]/a/text()", "string-length(//h1)",
    "translate(//h1, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')",
    "substring(//h1, 6)", "substring-before(//p[@class='price']/text(), '.')",
    "substring-after(//p[@class='price']/text(), '$ ')", "concat(//h1, ' / ', //title)",
    "//p[@class='price']/text() = '$ 49.90'", "number(substring-after(//p[@class='price']/text(), '$ '))",
    "round(49.5)", "floor(-0.5)", "ceiling(2.1)", "1 div 3", "1 div 0", "0 div 0", "-1 div 0",
    "10000000000000000", "0.00001", "123456789012345678", "0.1 + 0.2", "2 * 3", "7 mod 3", "-0",
    "id('main')/h1/text()", "//*[@id='specs']//td[@lang]/text()", "//td[lang('fr')]/text()",
    "//option[@selected]/@value", "//input[@checked]/@name", "//input/@*", "//select//@value",
    "//meta/@charset", "//link/@href", "//ul/li[@class='tag']//text()", "//li[has-class('last')]/a/text()",
    "//li[has-class('tag', 'first')]/a/@href", "//a[re:test(@href, '^/t/[hi]')]/text()",
    "//*[self::h1 or self::footer]//text()", "//div[@class='review'][2]/span/text()",
    "(//div[@class='review'])[last()]/@data-stars", "//div[@class='reviews']/div[not(*)]",
    "//p[../@class='review']/text()", "//div[@id='crumbs' or @id='main']/@id", "//nav/text()",
    "//footer/p", "//tr[@class='odd']", "//*[@data-stars > 1]/span/text()", "count(//*)",
    "//body/*[1]/@id", "/html/head/title/text()", "/html/body/@class", "//text()[contains(., 'Anvil')]",
    "//ul/li[3]/a/@rel", "//li[a/text()='iron']/@class",
    "1 div 7", "1e22", "2.5e-7", "-1.5e-10", "100 * 1.1", "1 div 3 * 3", "4294967296 * 4294967296",
    "123456.789e3", "0.1 * 3", "1 div 1024")
xpath("xpath", LISTING,
    "//article/@id", "//article[2]/h2/a/text()", "//span[@class='n']/text()", "sum(//span[@class='n'])",
    "//span[@class='n'][number(.) = number(.)]/text()", "//a[@class='next']/@href",
    "//article[contains(@class, 'featured')]//a/@href", "//a/@href[contains(., '&')]")
xpath("xpath-error", PRODUCT,
    "//p[", "//p[@", "foo(", "$x", "x:y", "'abc", "//p[1]]", "", "//p/text(", "count(", "//*[@id=]",
    "lower-case('A')", "upper-case(//p)", "ends-with('ab', 'b')", "evaluate('1')")

# --- Markup defects ------------------------------------------------------------------------
for h in [
        "<p>hi</p>", "hello", "hello <b>world</b>", "<b>bold</b>", "<html>text<p>a", "<head>text",
        "<title>t</title>hello", "<body>hello</body>", "<p>one<p>two<p>three",
        "<ul><li>a<li>b</ul>", "<ul><li>a<ul><li>b</ul><li>c</ul>", "<dl><dt>a<dd>b<dt>c</dl>",
        "<table><tr><td>a</td></tr></table>", "<table><tr><td>a<td>b<tr><td>c</table>",
        "<table><td>x</td></table>", "<table><caption>c<tr><td>x</table>",
        "<table><tr><td>a</td></tr><div>x</div></table>", "<table>text<tr><td>a</td></tr></table>",
        "<b><i>x</b>y</i>", "<p>a</p></p>b", "<div>a</span>b</div>", "<div>a</div></div>b",
        "<p>a<div>b</div>c</p>", "<b>x<p>y</p></b>", "<p><b>x<p>y", "<a href=1>x<a href=2>y",
        "<div><p>a</div>b", "<p>a<table><tr><td>x</td></tr></table>", "<p>x<h1>y</h1>",
        "<h1>a<h2>b</h2>c</h1>d", "<font><center>x</center></font>", "<i><div>x</div></i>",
        "<span>a<div>b</div>c</span>", "<p>a<section>b</section>c", "<p>a<nav>b</nav>c</p>",
        "<div/>x<span/>y", "<br/>x<br></br>y", "</br>x", "<p>a<!--c-->b</p>",
        "<video><source src=a><source src=b></video>", "<p>a<wbr>b</p>",
        "<select><option>a<option selected>b</select>", "<select><option>a<optgroup><option>b</select>",
        "<form><input name=a><form><input name=b></form></form>",
        "<table><form><tr><td><input name=a></td></tr></form></table>",
        "<html><body><p>x</p></body></html>after", "<p>x</p><html><p>y</p></html>",
        "<head></head><p>x", "<html><p>x</p></html>", "<html><head><title>x</title><body><p>x",
        "<td>a</td><tr><td>b</td>", "<P CLASS=A>x<BR>y</P>", "<div id=a><div id=b>x</div>",
        "<p title='unterminated>x</p>", "<a href=x>link<div>block</div></a>", "<li>a<p>b<li>c",
        "<frameset><frame src=a></frameset>", "<object><param name=a value=b><embed src=x></object>",
        "<noscript><p>x</p></noscript>", "<textarea><b>x</b></textarea>", "<title><b>t</b></title>",
        "<xmp><b>x</b></xmp>", "<iframe><p>x</p></iframe>", "<svg viewBox='0 0 1 1'><path d='M0'/></svg>",
        "<math><mi>x</mi></math>", "<template><p>x</p></template>", "<main><article><section>x</section></article></main>",
        "<p>a<ul><li>b</ul>c", "<p>x<dl><dt>y</dl>z", "<b>x<div>y</div>z</b>", "<div><p>a<section>b</div>c",
        "<body onload=x class=b><p>y", "<body><p>a</p></body><body><p>b</p></body>",
        "<p>a\r\nb\rc</p>", "<pre>\nx</pre><textarea>\ny</textarea>", "", "   ",
        "<p a=1 a=2 B=3>x</p>", "<p @click=x :v=y data-é=1>x</p>", "<foo@bar>x</foo@bar>",
        "<custom-el some-attr>x</custom-el>", "<image src=x>", "<!-->x", "<p>a<!-b->c</p>",
        "<![CDATA[x]]><p>y", "<?php echo 1 ?><p>x", "<!DOCTYPE html><p>x</p>",
        ]:
    xpath("defects", h, "/html", "//text()")

# Second batch of defects, written after the first implementation ran, to check that its
# corrections generalise to markup they were not tuned on.
for h in [
        '<div class="a"><span>one<span>two</div><div class="b">three</div>',
        '<ul><li><a href="/1">One</a><li><a href="/2">Two</a></ul>',
        '<table border=1><tr><td>1<td>2</tr><tr><td>3</td><td>4</table><p>after',
        '<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>D</td></tr></tbody></table>',
        '<table><tr><td><table><tr><td>inner</td></tr></table></td></tr></table>',
        '<form action="/s"><table><tr><td><input name=q></td></tr></table></form>',
        '<table><tr><form><td><input name=q></td></form></tr></table>',
        '<p>Para 1<p>Para 2<div>Block</div>Tail',
        '<a href="/x"><img src="a.png"></a><br><a href=/y>text',
        '<b>bold <i>both</b> italic</i> plain',
        '<h2>Title<small>sub</h2><p>x',
        '<div><p>a</p></span></div>',
        '<select name=s><option value=1>One<option value=2 selected>Two</select>',
        '<dl><dt>Term<dd>Def<dd>Def2</dl>',
        '<center><p>centered</center>',
        '<blockquote><p>q</blockquote>after',
        '<div>text<hr>more</div>',
        '<p>Line<br>Line2<br/>Line3</br>Line4</p>',
        '<span class=x>inline <div>block</div> end</span>',
        '<label for=a>L</label><input id=a><button>B</button>',
        '<table><tr><td>a</td></tr><tr><td>b</td></tr></table><table><tr><td>c</table>',
        '<body><div id=wrap><div id=head>H</div><div id=main><p>M</div></div>',
        '<html><head><title>T</title><meta name=d content=x><body><h1>H</h1>',
        '<html><head><link rel=stylesheet href=a.css></head><body bgcolor=white><p>x</body></html>',
        '<p>caf&eacute; &amp&amp; &lt;tag&gt;</p>',
        '<ol><li>one</li><li>two<ol><li>nested</ol></ol>',
        '<table><tr><th>a<th>b<tr><td>1<td>2</table>',
        '<p><table><tr><td>x</td></tr></table></p>',
        '<div><a href=1>one</div><div><a href=2>two</div>',
        '<em><p>x</p></em>',
        '<table><colgroup><col span=2></colgroup><tr><td>x</td></tr></table>',
        '<table><col width=10><tr><td>x</td></tr></table>',
        '<div>a<p>b<ul><li>c</ul>d</div>',
        '<nav><ul><li><a>x</a></li></ul></nav><main><p>y</main>',
        '<input type=text value="a &quot;b&quot;"><input type=checkbox checked="checked"><select><option selected="">o</select>',
        '<a href=\'javascript:void(0)\' onclick="f(\'x\')">js</a>',
        '<img alt="a > b" src=x.png>',
        '<p>1 < 2 and 3 > 2</p>',
        '<div title="multi\nline">x</div><div\ttitle=tab>y</div>',
        '<script src=a.js></script><p>x<script>document.write("<b>y</b>")</script>z',
        '<p>trailing<!-- unclosed comment',
        '<pre><b>bold</b>\n  code</pre>',
        '<style>/* <p> */ a{}</style><p>real</p>',
        '<h1><a href=/>Logo</a></h1><h2>Sub</h3><p>x',
        '<font color=red><b>x</font>y</b>',
        ]:
    xpath("defects2", h, "/html", "//text()")

# --- Attribute names: prefixes, xmlns, order ------------------------------------------------
ATTRS = ('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:og="http://ogp.me/ns#" xml:lang="en" lang="de">'
         '<body><p zeta="1" alpha="2" x:y="3" data-b="4" DATA-A="5">t</p>'
         '<meta property="og:title" content="T"></body></html>')
xpath("attributes", ATTRS, "//@lang", "//html/@lang", "//p/@*", "//@*", "//@y", "//p/@x:y",
      "name(//p/@*[1])", "//p/@*[2]", "//@xml:lang", "//@xmlns", "/html", "//p",
      "//meta[@property='og:title']/@content", "count(//@*)")
css("attributes", ATTRS, "p::attr(alpha)", "[lang]::attr(lang)", "p[data-a]::attr(data-b)",
    "p[DATA-A='5']::text")

# --- Whole pages of the kinds crawled: an XHTML-era shop page and an HTML5 blog post ---------
LEGACY_PAGE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:og="http://ogp.me/ns#" xml:lang="en" lang="en">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n<meta property="og:title" content="Deals &amp; Offers" />\n<title>Deals &amp; Offers | Shop</title>\n<!--[if lt IE 9]><script src="html5shiv.js"></script><![endif]-->\n<script type="text/javascript">\n//<![CDATA[\nvar q = "<div>"; if (a < b && b > c) { document.write(\'<scr\' + \'ipt src="x.js"></scr\' + \'ipt>\'); }\n//]]>\n</script>\n<link rel="stylesheet" href="/s.css" type="text/css" />\n</head>\n<body class="home" onload="init()">\n<div id="header"><a href="/" title="Home"><img src="/logo.png" alt="Shop &raquo; Home" width="100" height="40" /></a>\n<ul id="nav"><li class="active"><a href="/deals">Deals</a></li><li><a href="/new">New&nbsp;in</a></li><li><a href="/contact">Contact</a></ul>\n</div>\n<table width="100%" cellpadding="0" cellspacing="0" border="0">\n<tr><td valign="top" class="left">\n<form name="search" action="/search" method="get"><input type="text" name="q" size="20" />&nbsp;<input type="submit" value="Go" /></form>\n</td><td class="main">\n<h1>Today\'s deals</h1>\n<div class="product" data-id="11"><h2><a href="/p/11">Hammer</a></h2><span class="price">&euro;&nbsp;9,99</span><br/><span class="old">&euro; 12,99</span></div>\n<div class="product" data-id="12"><h2><a href="/p/12">Saw</a></h2><span class="price">&euro;&nbsp;19,99</span></div>\n<p>Prices incl. VAT<br>\nFree shipping over &euro; 50\n<p>See <a href=/terms>terms</a>.\n</td></tr></table>\n<div id="footer">&copy; 2009 Shop Ltd. &middot; <a href="mailto:info@shop.example">Mail us</a></div>\n<script>var _gaq = _gaq || []; _gaq.push([\'_trackPageview\']);</script>\n</body>\n</html>\n'
BLOG_PAGE = '<!doctype html>\n<html lang="en" class="no-js">\n<head>\n  <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\n  <title>Blog — Post</title>\n  <script async src="https://www.googletagmanager.com/gtag/js?id=UA-1"></script>\n  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>\n  <style>:root{--c:#333}body>header{display:flex}</style>\n</head>\n<body>\n  <header class="site-header">\n    <a class="logo" href="/"><svg class="icon" viewBox="0 0 24 24"><use xlink:href="#logo"></use></svg><span>Blog</span></a>\n    <nav aria-label="Main"><ul><li><a href="/posts" aria-current="page">Posts</a><li><a href="/about">About</a></ul></nav>\n    <button type="button" class="menu-toggle" data-toggle="menu" aria-expanded="false">Menu</button>\n  </header>\n  <main id="content">\n    <article class="post" itemscope itemtype="https://schema.org/BlogPosting">\n      <h1 itemprop="headline">Hello <em>world</em></h1>\n      <p class="meta">By <a rel="author" href="/u/ann">Ann</a> · <time datetime="2024-05-01T10:00:00Z">May 1</time>\n      <picture><source srcset="/a.webp" type="image/webp"><img src="/a.jpg" alt="A picture" loading="lazy"></picture>\n      <p>First paragraph with <a href="https://example.org/x?a=1&b=2">a link</a> and <code>code &lt;here&gt;</code>.\n      <section class="comments"><h2>Comments (2)</h2>\n        <div class="comment" id="c1"><p>Nice!</p></div>\n        <div class="comment" id="c2"><p>Thanks &mdash; great post.</p></div>\n      </section>\n      <template id="tpl"><div class="comment"><p></p></div></template>\n    </article>\n  </main>\n  <footer><p>&copy; 2024 · <a href="/privacy">Privacy</a></p></footer>\n</body>\n</html>\n'
css("pages", LEGACY_PAGE, 'title::text')
css("pages", LEGACY_PAGE, "meta[property='og:title']::attr(content)")
css("pages", LEGACY_PAGE, '#nav li a::text')
css("pages", LEGACY_PAGE, '#nav li')
css("pages", LEGACY_PAGE, 'div.product h2 a::attr(href)')
css("pages", LEGACY_PAGE, 'span.price::text')
css("pages", LEGACY_PAGE, 'td.main > p')
css("pages", LEGACY_PAGE, 'td.main p::text')
xpath("pages", LEGACY_PAGE, "//table//td[@class='main']/h1/text()")
xpath("pages", LEGACY_PAGE, '//form/@action')
xpath("pages", LEGACY_PAGE, '//script/text()')
xpath("pages", LEGACY_PAGE, '//comment()')
xpath("pages", LEGACY_PAGE, '/html')
xpath("pages", LEGACY_PAGE, "//div[@id='footer']//text()")
xpath("pages", LEGACY_PAGE, "normalize-space(//td[@class='main'])")
xpath("pages", LEGACY_PAGE, '//html/@lang')
xpath("pages", LEGACY_PAGE, 'count(//*)')
xpath("pages", LEGACY_PAGE, "//@*[name()='xmlns']")
css("pages", BLOG_PAGE, 'title::text')
css("pages", BLOG_PAGE, 'nav a::attr(href)')
css("pages", BLOG_PAGE, 'nav li')
css("pages", BLOG_PAGE, 'h1 *::text')
css("pages", BLOG_PAGE, 'h1::text')
css("pages", BLOG_PAGE, 'article p::text')
css("pages", BLOG_PAGE, 'p.meta')
css("pages", BLOG_PAGE, 'picture img::attr(src)')
css("pages", BLOG_PAGE, 'picture')
xpath("pages", BLOG_PAGE, '//picture/img/@src')
xpath("pages", BLOG_PAGE, "//section[@class='comments']//p/text()")
css("pages", BLOG_PAGE, '.comment p::text')
css("pages", BLOG_PAGE, 'time::attr(datetime)')
css("pages", BLOG_PAGE, 'button[data-toggle]::text')
css("pages", BLOG_PAGE, 'template')
xpath("pages", BLOG_PAGE, '//use/@href')
xpath("pages", BLOG_PAGE, '//svg')
xpath("pages", BLOG_PAGE, '//footer//text()')
xpath("pages", BLOG_PAGE, 'count(//p)')
xpath("pages", BLOG_PAGE, '//article/@itemscope')

# --- Entities, &nbsp; ----------------------------------------------------------------------
ENT = ("<p id=a>&amp; &lt; &gt; &quot; &apos; &copy; &#169; &#xA9; &#Xa9; &nbsp;|&hellip; &euro;</p>"
       "<p id=b>&copy &ampx; &bogus; &AMP; &Amp; &hellip &#65 &#x41 &#65a &#; &#x; &#128; &#0; &#xD800; &#1114112; x</p>"
       "<p id=c title='&amp;&lt;&gt; &copy &copy; &#65; &notin; &quot;q&quot;'>t</p>"
       "<p id=d title='a &#0; b'>t</p><p id=e>&foo.bar; &a-b; &1x; &_x;</p>"
       "<p id=f>a&nbsp;&nbsp;b\u00a0c</p><p id=g>&NewLine;&nbsp&#160;</p>")
xpath("entities", ENT, "//p[@id='a']/text()", "//p[@id='b']/text()", "//p[@id='c']/@title",
      "//p[@id='c']", "//p[@id='d']/@title", "//p[@id='e']/text()", "//p[@id='f']/text()",
      "//p[@id='f']", "normalize-space(//p[@id='f'])", "//p[@id='g']/text()",
      "string-length(//p[@id='f'])", "//p[@id='a']")
css("entities", ENT, "#a::text", "#f::text", "p[title*='&']::attr(title)", "#c")

# --- Comments ------------------------------------------------------------------------------
COMMENTS = ("<!-- before --><html><!-- in html --><head><!-- in head --><title>t</title></head>"
            "<body><!-- first --><p>a<!-- inner -->b</p><!-- -- odd -- --><div><!----></div>"
            "<!--\nmulti\nline\n--></body></html><!-- after -->")
xpath("comments", COMMENTS, "//comment()", "//body/comment()", "//p/node()", "//p/text()",
      "string(//p)", "count(//comment())", "//div", "/html/body")
css("comments", COMMENTS, "p::text", "p", "body > *")

# --- Script and style ----------------------------------------------------------------------
SCRIPT = ("<html><head><script>if (a < b && c > d) { x = '</p>'; }</script>"
          "<style>p > a::before { content: \"&amp;\"; }</style></head><body>"
          "<script type='text/template'><div class=\"t\">&amp;</div></script>"
          "<p>x</p><script>var s = '<!-- not a comment -->';</script>"
          "<noscript><img src=x></noscript><script>a</scriptx>b</script></body></html>")
xpath("script-style", SCRIPT, "//script/text()", "//style/text()", "//script", "//style",
      "count(//script)", "//body/script[1]", "string(//body)", "//noscript", "//p/text()")
css("script-style", SCRIPT, "script::text", "style::text", "script[type]::attr(type)")

# --- Whitespace ----------------------------------------------------------------------------
WS = ("<html>\n <head>\n  <title> T </title>\n </head>\n <body>\n  <p>  a  b  </p>\n"
      "  <p>\n\tc\n  </p>\n  <pre>\n  keep\n   this</pre>\n  <ul> <li> x </li> <li>y</li> </ul>\n"
      " <span> </span><span>\u2003</span><div>a<b> </b>c</div>\n </body>\n</html>\n\n")
xpath("whitespace", WS, "//text()", "//p/text()", "normalize-space(//p[2])", "//pre/text()",
      "//ul/text()", "//ul", "/html", "//span/text()", "count(//text())", "//div", "string(//div)",
      "//title/text()", "//p[normalize-space()='a b']")
css("whitespace", WS, "li::text", "p::text", "ul *::text", "body > p")

# --- Non-ASCII and encodings ---------------------------------------------------------------
UNI = ("<html><head><meta charset='iso-8859-1'><title>Café – naïve</title></head><body>"
       "<p class='ü'>Grüße, 中文, русский, עברית, 😀 emoji</p>"
       "<a href='/é x?q=ü&r=😀#frag é'>link</a><img src='/ü.png' alt='ü'>"
       "<p data-x='é x' title='😀'>t</p><p>zero\u200bwidth and nbsp\u00a0here</p></body></html>")
xpath("non-ascii", UNI, "//title/text()", "//p/text()", "//p[@class='ü']", "//a", "//img",
      "//a/@href", "//p[@data-x]", "string-length(//p[1])", "translate(//title, 'é', 'e')",
      "//p[contains(., '😀')]/@class", "substring(//p[1], 1, 5)")
css("non-ascii", UNI, "p.ü::text", "[title='😀']::attr(data-x)", "title::text")
UNI2 = ("<?xml version='1.0' encoding='utf-8'?><html><head>"
        "<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'></head>"
        "<body><p>\u20ac \u2019quoted\u2019 \u00e9</p></body></html>")
xpath("non-ascii", UNI2, "//p/text()", "/html", "//meta/@content")
xpath("non-ascii", "<p>\ufeffbom</p>", "//p/text()", "//p")
xpath("non-ascii", "\ufeff<p>leading bom</p>", "//p/text()", "/html")


# --- The node tree under XPath: attribute order, namespace URIs, axes ------------------------
TREE = ('<html><body><div id="d" class="c"><p zeta="1" alpha="2" class="x">one<b>two</b></p>'
        '<!-- note --><p lang="fr" title="t">three</p><a name="n" href="/h">four</a></div>'
        '</body></html>')
xpath("tree", TREE, "namespace-uri(//p)", "namespace-uri(//p/@class)", "namespace-uri(/html)",
      "//*[namespace-uri()='']/@id", "string(//p/@*)", "//p/@*[last()]", "name(//p[1]/@*[2])",
      "//p/@*[position()>1]", "//div//node()[3]", "//b/following::node()[1]",
      "//b/preceding::*", "//comment()/following-sibling::*[1]/@*", "//a/ancestor-or-self::*",
      "//p[lang('fr')]/text()", "id('d')/p[2]", "count(//descendant-or-self::node())",
      "//p/@*/..")
# document order across attributes and other nodes, unions, nested contexts (FastPath's walks)
xpath("tree", TREE, "//b | //p/@class", "//p/@* | //p/text()", "string(//a/@* | //p/@*)",
      "(//p/@* | //a/@*)[2]", "//div/descendant-or-self::*/p/@*", "//*[@*]/@*[1]",
      "//p[@zeta]/@alpha | //p/@zeta", "name((//@*)[3])", "//div//p | //div/p/b",
      "//*[@class]//text()", "//div//*[@title or @zeta]/@class", "//p/@*[. = '2']/..")
css("tree", TREE, "div p::attr(class)", "div *::text", "p, b, a", "div > p b::text",
    "p:not(.x)::attr(title)", "div [zeta]", "body p.x b, div a[href^='/']::attr(name)")


# --- XML documents (type="xml": lxml's XML parser, cssselect's GenericTranslator) -----------
XML_CASES = []


def xadd(group, doc, typ, *queries):
    for q in queries:
        XML_CASES.append({"group": group, "html": doc, "type": typ, "query": q})


SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"\n'
           '        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'
           '  <url>\n    <loc>https://shop.example/p/1</loc>\n    <lastmod>2024-05-01</lastmod>\n'
           '    <image:image><image:loc>https://shop.example/i/1.jpg</image:loc></image:image>\n  </url>\n'
           '  <url><loc>https://shop.example/p/2?a=1&amp;b=2</loc><priority>0.8</priority></url>\n'
           '</urlset>\n')
xadd("sitemap", SITEMAP, "xpath", "//loc/text()", "//*[local-name()='loc']/text()", "/*", "//*[local-name()='url'][2]",
     "//*[local-name()='image']", "count(//*)", "name(/*)", "local-name(/*)", "namespace-uri(/*)",
     "//*[local-name()='priority']/text()", "//@*", "//image:loc", "//*[local-name()='lastmod']/..",
     "string(//*[local-name()='url'][2])", "/*/namespace::*", "//text()[normalize-space()]")
xadd("sitemap", SITEMAP, "css", "loc::text", "url", "urlset > url > loc", "priority", "*::text", "lastmod")

RSS = ('<?xml version="1.0" encoding="utf-8"?>\n'
       '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
       '<channel>\n<title>Shop news</title>\n<link>https://shop.example/</link>\n'
       '<item>\n  <title>Anvils &amp; hammers</title>\n  <link>https://shop.example/n/1</link>\n'
       '  <dc:creator>Ann</dc:creator>\n  <description><![CDATA[<p>New <b>anvils</b> in stock & more</p>]]></description>\n'
       '  <content:encoded>before <![CDATA[<em>cdata</em>]]> after</content:encoded>\n'
       '  <category domain="tools">Anvil</category><category>Iron</category>\n'
       '  <guid isPermaLink="false">n-1</guid>\n</item>\n'
       '<item><title>Café crème — 日本</title><link>https://shop.example/n/2</link><enclosure url="https://shop.example/a.mp3" length="10" type="audio/mpeg"/></item>\n'
       '</channel>\n</rss>\n')
xadd("rss", RSS, "xpath", "//item/title/text()", "//item[1]/description/text()", "//item[1]/description",
     "//content:encoded", "//*[name()='content:encoded']/text()", "//*[local-name()='creator']",
     "//item[1]/category/@domain", "//category/text()", "//enclosure", "//enclosure/@*", "//item[2]",
     "/rss/@version", "//guid", "//channel/title/text()", "//item[1]/*[local-name()='encoded']",
     "//item[1]/*[local-name()='creator']/..", "//item/link/text()", "//channel/link")
xadd("rss", RSS, "css", "item > title::text", "item link::text", "category::attr(domain)", "enclosure::attr(url)",
     "channel > title", "item:first-child", "category:nth-of-type(2)::text", "Item", "TITLE::text",
     "guid[isPermaLink=false]::text", "guid[ispermalink]", "item:checked", "item:link", "dc|creator",
     "description::text", "[domain]", "rss[version^='2']")

ATOM = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
        '<title type="text">Feed</title><entry><title>One</title><link rel="alternate" href="/1"/>'
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <br/> there</p></div></content>'
        '</entry></feed>')
xadd("atom", ATOM, "xpath", "//*[local-name()='entry']", "//*[local-name()='link']/@href", "/*/@xml:lang",
     "//*[local-name()='div']", "//*[local-name()='p']", "//*[local-name()='br']", "//@*", "//*[local-name()='title']")
xadd("atom", ATOM, "css", "entry", "link::attr(href)", "title::text", "p")

MISC = ('<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="s.xsl"?>\n<!-- top -->\n'
        '<Root Attr="A" zeta="z" alpha="a"><Child>Mixed <B>Case</B> text</Child>'
        '<child>lower</child><empty/><empty></empty><e a="x&lt;y&amp;z&quot;q\'r&#10;n&#9;t" b=\'&gt;\'/>'
        '<t>a &lt; b &amp; c &gt; d "q" \'s\' &#13; e</t><ws>  \n  </ws><?pi data here?><?bare?>'
        '<!-- in -->\n<n:x xmlns:n="urn:n"><n:y n:z="1">v</n:y><plain/></n:x></Root>\n<!-- after -->')
xadd("misc", MISC, "xpath", "/Root", "//Child", "//child/text()", "//Child//text()", "//empty", "//e", "//e/@a",
     "//t", "//t/text()", "//ws/text()", "//processing-instruction()", "//comment()", "/comment()", "/node()",
     "//Root/@*", "//Root/@*[1]", "//*[local-name()='x']", "//*[local-name()='y']",
     "//*[local-name()='y']/@*", "//*[local-name()='plain']", "name(//*[local-name()='y'])", "/processing-instruction()",
     "string(/Root)", "//B")
xadd("misc", MISC, "css", "Child", "child::text()", "child::text", "B", "b", "Root::attr(Attr)", "Root::attr(attr)",
     "[Attr=A]", "[attr=A]", "empty", "e::attr(a)", "t::text", "*::text", "Root > *", ":root", "Root:first-child")

BAD = [
    ("truncated", '<?xml version="1.0"?><root><a>one</a><a>two</a><a>thr'),
    ("mismatched", "<root><a>one</b><a>two</a></root>"),
    ("html-like", "<html><body><p>Para<br></p><p>Next</p></body></html>"),
    ("text-only", "just text"),
    ("empty", "   "),
    ("two-roots", "<a>1</a><b>2</b>"),
    ("undefined-entity", "<r><x>a &nbsp; b</x><y>c</y></r>"),
    ("leading-space", "\n\n   <r><x>ok</x></r>  \n"),
    ("nul", "<r><x>a\x00b</x></r>"),
    ("bom", "\ufeff<r><x>bom</x></r>"),
    ("doctype", '<!DOCTYPE r [<!ENTITY e "ent">]><r><x>a &e; b</x></r>'),
    ("unbound-prefix", "<r><p:x>v</p:x></r>"),
]
RSS_TREE = ('<rss xmlns:a="urn:a"><item id="i" z="1" b="2">t</item>'
            '<a:x a:k="v" y="w">u</a:x></rss>')
for name, doc in BAD:
    xadd("defects", doc, "xpath", "//text()", "/*", "//x")
xadd("errors", MISC, "xpath", "//n:x", "//[", "count(", "//x:y")
xadd("errors", MISC, "css", "Child::foo", "[", "n|x")

X = "//*[local-name()='x']"
xadd("tree", RSS_TREE, "xpath", "namespace-uri(//item)", "namespace-uri(%s)" % X,
     "namespace-uri(%s/@*[1])" % X, "//item/@*[last()]", "string(//item/@*)", X + "/@*",
     "name(%s/@*[1])" % X, "//*[namespace-uri()='']/@id", "count(%s/namespace::*)" % X)
xadd("tree", RSS_TREE, "xpath", "//item/@* | //item/text()", "string(//item/@* | %s/@*)" % X,
     "//item | //item/@b", "(//@*)[last()]")


def kind_of(sel):
    root = sel.root
    return "element" if isinstance(root, lxml.etree._Element) else "value"


def run(cases, typ):
    out = []
    per_group = {}
    for case in cases:
        entry = dict(case)
        # numbered within the group, so adding cases to one group leaves the others' ids alone
        per_group[case["group"]] = per_group.get(case["group"], 0) + 1
        entry["id"] = "%s-%03d" % (case["group"], per_group[case["group"]])
        try:
            s = Selector(text=case["html"], type=typ)
            res = s.css(case["query"]) if case["type"] == "css" else s.xpath(case["query"])
            entry["result"] = res.getall()
            kinds = {kind_of(x) for x in res}
            entry["kind"] = "element" if "element" in kinds else "value"
        except Exception as e:  # noqa: BLE001 - parsel raises several types
            entry["kind"] = "error"
            entry["error"] = str(e)
            entry["errorType"] = type(e).__name__
        out.append(entry)
    return out


def write(path, out):
    doc = {
        "generator": "host/src/test/conformance/gen_parsel.py",
        "python": sys.version.split()[0],
        "parsel": parsel.__version__,
        "lxml": ".".join(map(str, lxml.etree.LXML_VERSION)),
        "libxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION)),
        "cssselect": cssselect.__version__,
        "cases": out,
    }
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    kinds = {}
    for e in out:
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    print("%d cases written to %s (%s)" % (len(out), os.path.relpath(path), kinds))


def main():
    write(OUT, run(CASES, None))
    write(OUT_XML, run(XML_CASES, "xml"))


if __name__ == "__main__":
    main()
