"""The statistics API: each part registers its views on one router."""

from rest_framework.routers import SimpleRouter

from sahakar.statistics.api import figures, returns

router = SimpleRouter()
for part in (figures, returns):
    part.register(router)
urlpatterns = router.urls
