from rest_framework.routers import SimpleRouter

from sahakar.prevention.api.views import CampaignViewSet

router = SimpleRouter()
router.register("campaigns", CampaignViewSet)
urlpatterns = router.urls
