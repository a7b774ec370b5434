from rest_framework.routers import SimpleRouter

from sahakar.arrests.api.views import ArrestViewSet, CustodyRuleViewSet, OffenceViewSet

router = SimpleRouter()
router.register("arrests", ArrestViewSet)
router.register("offences", OffenceViewSet)
router.register("custody-rules", CustodyRuleViewSet)
urlpatterns = router.urls
