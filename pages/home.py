"""Landing page: what the app teaches, and the learning path as ordered cards."""

from vizlib.ui.home import show

show()
