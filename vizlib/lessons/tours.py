"""Every lesson's walkthrough, for the "Teach with this" page (a lesson never imports another,
so the list of all of them lives here, above the lessons)."""

from __future__ import annotations

from vizlib.core.tour import Tour
from vizlib.lessons.backprop import tour as backprop
from vizlib.lessons.char_gpt import tour as char_gpt
from vizlib.lessons.char_models import tour as char_models
from vizlib.lessons.cnn_mnist import tour as cnn_mnist
from vizlib.lessons.convolution import tour as convolution
from vizlib.lessons.deep_q import tour as deep_q
from vizlib.lessons.gradient_descent import tour as gradient_descent
from vizlib.lessons.losses import tour as losses
from vizlib.lessons.neuron import tour as neuron
from vizlib.lessons.overfitting import tour as overfitting
from vizlib.lessons.playground import tour as playground
from vizlib.lessons.recurrent_cells import tour as recurrent_cells
from vizlib.lessons.self_attention import tour as self_attention
from vizlib.lessons.tiny_transformer import tour as tiny_transformer

TOURS: dict[str, Tour] = {
    neuron.TOUR.slug: neuron.TOUR,
    losses.TOUR.slug: losses.TOUR,
    gradient_descent.TOUR.slug: gradient_descent.TOUR,
    backprop.TOUR.slug: backprop.TOUR,
    playground.TOUR.slug: playground.TOUR,
    overfitting.TOUR.slug: overfitting.TOUR,
    convolution.TOUR.slug: convolution.TOUR,
    cnn_mnist.TOUR.slug: cnn_mnist.TOUR,
    recurrent_cells.TOUR.slug: recurrent_cells.TOUR,
    char_models.TOUR.slug: char_models.TOUR,
    self_attention.TOUR.slug: self_attention.TOUR,
    tiny_transformer.TOUR.slug: tiny_transformer.TOUR,
    char_gpt.TOUR.slug: char_gpt.TOUR,
    deep_q.TOUR.slug: deep_q.TOUR,
}


def all_tours(slugs: list[str]) -> dict[str, Tour]:
    """{slug: walkthrough} for each lesson of `slugs`, in that order."""
    return {slug: TOURS[slug] for slug in slugs if slug in TOURS}
