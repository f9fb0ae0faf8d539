"""Formulas in rich text: the images behind the renderer's ``math:`` links, at the document's font and colour.

The renderer writes a formula as ``<img src="math:…">`` (see ``app.render``); :class:`FormulaImages` gives the
document its image when Qt lays it out or paints it: the formula's SVG drawing (made in the formula thread,
see :func:`app.render.draw_in_background`) rasterised with Qt's SVG renderer at the document's font size, in
its text colour, on transparent, for the screen's pixel ratio. Until the drawing is ready, and for a formula
that can't be drawn, the image shows the formula's source in monospace. When drawings arrive the document is
laid out again (once for all those arriving together).

An inline formula sits on the text's baseline, reaching below it as a formula does (a fraction, a subscript):
Qt gives an image no depth below the baseline except with ``vertical-align: middle``, which centres it in its
line, and counts it as reaching half the x-height more above the line's middle than below. So the image is
padded: above or below, so that the formula's baseline lands on the text's, and on both sides, so that the
image is at least as tall as the text's line (then it sets the line's middle, and every formula on the line
is placed alike). Rasterised images are remembered within a size budget.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontInfo,
    QFontMetrics,
    QFontMetricsF,
    QImage,
    QPainter,
    QTextDocument,
)

from app.render import (
    SizedCache,
    draw_in_background,
    formula_of,
    formula_source,
    is_display,
    known_drawing,
)
from app.ui.design import LIGHT_COLORS

if TYPE_CHECKING:
    from concurrent.futures import Future

    from app.render import Drawing

MATH_SCALE = 1.1
"""The math font's em against the text's: STIX Two looks smaller than a UI font at the same size."""
IMAGE_CACHE_BYTES = 48 * 1024 * 1024
"""Rasterised formulas kept (some 4 bytes a pixel: a typical inline formula is 10-40 KB)."""
RELAYOUT_DELAY_MS = 30  # drawings finishing within this are shown by one layout
_MAX_SOURCE_WIDTH = 720  # a placeholder's source is elided past this many pixels (copying gives it whole)

# (url, colour, muted colour, font, pixel ratio) → image
_images: SizedCache[tuple[str, str, str, str, float], QImage] = SizedCache(
    IMAGE_CACHE_BYTES, lambda key, image: image.sizeInBytes() + len(key[0])
)


class FormulaImages:
    """The formula images of one document (a :class:`app.ui.rich_text.SafeDocument`).

    A final image (drawn, or a source that can't be) is also added to the document's own resources, so that
    Qt finds it there when it lays out and paints again, without calling Python (whose lock a drawing thread
    may hold); :meth:`refresh` makes them again when the colours, the font or the pixel ratio change.
    ``post`` runs a function on the UI thread (from any thread), see :func:`app.ui.rich_text.ui_thread_poster`.
    """

    def __init__(self, document: QTextDocument, post: Callable[[Callable[[], None]], None]) -> None:
        self._document = weakref.ref(document)
        self._post = post
        self._colour = QColor(LIGHT_COLORS.text)  # until the view says which theme it shows
        self._muted = QColor(LIGHT_COLORS.text_muted)
        self._relayout_due = False
        self._added: set[str] = set()  # URLs whose final image is among the document's resources
        self._ratio = 1.0

    def set_colours(self, text: QColor, muted: QColor) -> None:
        """Draw formulas in ``text`` and their source (while they are drawn, or when they can't be) in ``muted``."""
        if (QColor(text), QColor(muted)) != (self._colour, self._muted):
            self._colour, self._muted = QColor(text), QColor(muted)
            self.refresh()

    def refresh(self, ratio: float | None = None) -> None:
        """Make the images added to the document again, for its font and colours now (and ``ratio``, if given)."""
        if ratio is not None:
            self._ratio = ratio
        document = self._document()
        if document is None or not shiboken6.isValid(document) or not self._added:
            return
        added, self._added = self._added, set()
        for url in added:
            self.image(url, document.defaultFont(), self._ratio)
        document.markContentsDirty(0, document.characterCount())

    def image(self, url: str, font: QFont, ratio: float) -> QImage | None:
        """The image for a ``math:`` URL, for text in ``font`` on a screen of pixel ratio ``ratio``; None when
        ``url`` is not a formula's."""
        formula = formula_of(url)
        if formula is None:
            return None
        self._ratio = ratio
        latex, delimiter = formula
        key = (url, self._colour.name(), self._muted.name(), font.key(), ratio)
        image = _images.get(key)
        if image is None:
            display = is_display(delimiter)
            drawing = known_drawing(latex, display)
            if drawing is None:
                self._wait_for(draw_in_background(latex, display))
                return source_image(formula_source(latex, delimiter), font, self._muted, ratio)  # not final
            if drawing.failed:
                image = source_image(formula_source(latex, delimiter), font, self._muted, ratio)
            else:
                image = formula_image(drawing, font, self._colour, ratio, inline=not display)
            _images.put(key, image)
        document = self._document()
        if document is not None:
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
            self._added.add(url)
        return image

    def _wait_for(self, future: Future[Drawing]) -> None:
        post, images = self._post, weakref.ref(self)

        def done(_: Future[Drawing]) -> None:  # in the formula thread
            post(lambda: _drawn(images))

        future.add_done_callback(done)

    def _drawn(self) -> None:
        document = self._document()
        if self._relayout_due or document is None or not shiboken6.isValid(document):
            return  # a layout is coming, or the view closed meanwhile
        self._relayout_due = True
        QTimer.singleShot(RELAYOUT_DELAY_MS, document, self._relayout)

    def _relayout(self) -> None:
        self._relayout_due = False
        document = self._document()
        if document is not None and shiboken6.isValid(document):
            # Qt asks again for the images it has no resource for: those shown with their source meanwhile.
            document.markContentsDirty(0, document.characterCount())


def _drawn(images: weakref.ref[FormulaImages]) -> None:
    shown = images()
    if shown is not None:
        shown._drawn()


def formula_image(drawing: Drawing, font: QFont, colour: QColor, ratio: float, *, inline: bool) -> QImage:
    """``drawing`` rasterised for text in ``font``: in ``colour`` on transparent, at ``ratio`` device pixels a
    pixel, padded (inline) so that Qt's middle alignment puts its baseline on the text's."""
    from PySide6.QtSvg import QSvgRenderer  # ~10 ms, only once a formula is shown

    em = QFontInfo(font).pixelSize() * MATH_SCALE
    width, height, depth = drawing.width * em, drawing.height * em, drawing.depth * em
    top, bottom = _padding(font, height - depth, depth) if inline else (0.0, 0.0)
    top = round(top * ratio) / ratio  # the drawing on whole pixels: crisper
    image = _transparent_image(width, top + height + bottom, ratio)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(drawing.svg)).render(painter, QRectF(0, top * ratio, width * ratio, height * ratio))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), colour)
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def source_image(source: str, font: QFont, colour: QColor, ratio: float) -> QImage:
    """A formula's source as an image (Qt shows a formula as an image, drawn or not): monospace, one line,
    elided past :data:`_MAX_SOURCE_WIDTH` pixels."""
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setPointSizeF(font.pointSizeF() if font.pointSizeF() > 0 else mono.pointSizeF())
    metrics = QFontMetricsF(mono)
    text = metrics.elidedText(" ".join(source.split()), Qt.TextElideMode.ElideRight, _MAX_SOURCE_WIDTH)
    width = metrics.horizontalAdvance(text)
    top, bottom = _padding(font, metrics.ascent(), metrics.descent())
    image = _transparent_image(width, top + metrics.ascent() + metrics.descent() + bottom, ratio)
    image.setDevicePixelRatio(ratio)
    painter = QPainter(image)
    painter.setFont(mono)
    painter.setPen(colour)
    painter.drawText(QPointF(0, top + metrics.ascent()), text)
    painter.end()
    return image


def _padding(font: QFont, ascent: float, depth: float) -> tuple[float, float]:
    """Space above and below an inline image of something ``ascent`` tall above its baseline and ``depth``
    below it, in text of ``font``, so that Qt's middle alignment puts that baseline on the text's."""
    metrics = QFontMetrics(font)
    half_x = metrics.xHeight() / 2  # what Qt's layout uses, from the integer metrics
    # Qt: the image reaches (height + half_x) / 2 above the line's middle and (height - half_x) / 2 below it.
    shift = half_x - ascent + depth  # how much more space above the baseline than below it
    top, bottom = max(shift, 0.0), max(-shift, 0.0)
    # At least as tall as the text's line, so that the image (not the text) decides where the middle is.
    needed = max(2 * metrics.ascent() - half_x, 2 * metrics.descent() + half_x) + 1
    extra = max(0.0, needed - (top + ascent + depth + bottom)) / 2
    return top + extra, bottom + extra


def _transparent_image(width: float, height: float, ratio: float) -> QImage:
    image = QImage(
        max(1, round(width * ratio)), max(1, round(height * ratio)), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.fill(Qt.GlobalColor.transparent)
    return image
